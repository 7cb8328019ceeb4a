// Rendering figures from a results directory: runs plots/render.py with
// Debian's Python (which has matplotlib).
#pragma once

#include <filesystem>
#include <string>

namespace adoptsim::cli {

// Runs the plot script on `results_directory` (which must hold
// summary.json), writing figures into `output_directory` (empty: the
// results directory's figures/). Returns the script's exit status; its
// output goes to this process's stdout and stderr.
int render_figures(const std::filesystem::path& results_directory, const std::string& format,
                   const std::filesystem::path& output_directory);

}  // namespace adoptsim::cli
