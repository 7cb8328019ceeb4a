// The runner's one parallel loop: body(index) for every index in [0, count)
// on TBB's workers, each index once, in any order and on any thread.
//
// Under ThreadSanitizer the loop also tells the sanitizer what TBB's own
// synchronisation guarantees: everything before the loop happens before
// every body, and every body happens before what follows the loop. Debian's
// libtbb is not instrumented, so without these edges ThreadSanitizer would
// report the bodies' reads of data written before the loop as races.
#pragma once

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <cstddef>

#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define ADOPTSIM_THREAD_SANITIZER 1
#endif
#endif
#if defined(__SANITIZE_THREAD__)
#define ADOPTSIM_THREAD_SANITIZER 1
#endif

#ifdef ADOPTSIM_THREAD_SANITIZER
#include <sanitizer/tsan_interface.h>
#endif

namespace adoptsim::runner {

template <typename Body>
void parallel_for_each_index(std::size_t count, Body&& body) {
#ifdef ADOPTSIM_THREAD_SANITIZER
  int before = 0;
  int after = 0;
  __tsan_release(&before);
#endif
  // Grain size 1: replicates are long and uneven, so let TBB balance them.
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, count, 1),
                    [&](const tbb::blocked_range<std::size_t>& range) {
#ifdef ADOPTSIM_THREAD_SANITIZER
                      __tsan_acquire(&before);
#endif
                      for (std::size_t index = range.begin(); index != range.end(); ++index) body(index);
#ifdef ADOPTSIM_THREAD_SANITIZER
                      __tsan_release(&after);
#endif
                    });
#ifdef ADOPTSIM_THREAD_SANITIZER
  __tsan_acquire(&after);
#endif
}

}  // namespace adoptsim::runner
