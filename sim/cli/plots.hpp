// Rendering figures from a results directory: runs plots/render.py with
// Debian's Python (which has matplotlib).
#pragma once

#include <filesystem>
#include <string>

namespace adoptsim::cli {

struct PlotOptions {
  std::string format = "png";  // png, svg or pdf
  // Where the figures go (empty: the results directory's figures/). The
  // script draws them into a staging directory beside it and renames it into
  // place, so the folder holds a complete set of figures or is as it was.
  std::filesystem::path output_directory;
  // The folder named in messages when output_directory is a staging path
  // (empty: output_directory itself).
  std::filesystem::path shown_as;
  std::string only;      // comma-separated figure names (empty: every figure)
  std::string title;     // replaces the default title of the overlay (empty: the default)
  std::string subtitle;  // a line under every figure's title (empty: none)
};

// Runs the plot script on `results_directory` (which must hold
// summary.json). Returns the script's exit status (130 or 143 when it was
// interrupted); its output goes to this process's stdout and stderr. While
// it runs, SIGINT and SIGTERM are caught and passed on to the script, which
// stops drawing, removes what it drew and names the figures it did not draw.
int render_figures(const std::filesystem::path& results_directory, const PlotOptions& options);

}  // namespace adoptsim::cli
