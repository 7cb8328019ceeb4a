// The runner's one parallel loop: body(index) for every index in [0, count)
// on TBB's workers, each index once, in any order and on any thread.
//
// Under ThreadSanitizer the loop runs on plain std::threads instead (as many
// as TBB would use, so -j still holds), taking indices from an atomic
// counter: Debian's libtbb is not instrumented, so ThreadSanitizer cannot
// see TBB's own hand-offs and reports races inside its inlined scheduler
// code. The bodies, which are what the sanitizer is there to check, are the
// same code on either path.
#pragma once

#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define ADOPTSIM_THREAD_SANITIZER 1
#endif
#endif
#if defined(__SANITIZE_THREAD__)
#define ADOPTSIM_THREAD_SANITIZER 1
#endif

namespace adoptsim::runner {

template <typename Body>
void parallel_for_each_index(std::size_t count, Body&& body) {
#ifdef ADOPTSIM_THREAD_SANITIZER
  const std::size_t threads =
      std::min(count, tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism));
  std::atomic<std::size_t> next{0};
  std::mutex failure_mutex;
  std::exception_ptr failure;  // the first body's exception, rethrown after the loop as TBB does
  const auto work = [&] {
    try {
      for (std::size_t index = next.fetch_add(1); index < count; index = next.fetch_add(1)) body(index);
    } catch (...) {
      next = count;
      const std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
    }
  };
  std::vector<std::thread> workers;
  for (std::size_t thread = 1; thread < threads; ++thread) workers.emplace_back(work);
  work();
  for (std::thread& worker : workers) worker.join();
  if (failure) std::rethrow_exception(failure);
#else
  // Grain size 1: replicates are long and uneven, so let TBB balance them.
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, count, 1),
                    [&](const tbb::blocked_range<std::size_t>& range) {
                      for (std::size_t index = range.begin(); index != range.end(); ++index) body(index);
                    });
#endif
}

}  // namespace adoptsim::runner
