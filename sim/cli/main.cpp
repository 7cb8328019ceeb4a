// The adoptsim command line: parses the verb and its flags, runs it, and
// turns every failure into a sentence and an exit status: 2 for whatever the
// input, the flags or the machine caused (bad values, unusable files, out of
// memory), 1 only for an internal error (a bug), never a library's own text.
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>

#include "adoptsim/common/input_file.hpp"
#include "adoptsim/org/import.hpp"
#include "adoptsim/version.hpp"
#include "cli_support.hpp"
#include "commands.hpp"

namespace {

// Anything that is not a problem of the input, the flags or the machine: a
// bug, reported as one.
void report_internal_error(const std::string& what) {
  std::cerr << "adoptsim: internal error: " << what
            << ", please report it (with the command and the scenario)\n";
}

// A file-system failure as a sentence: which path, what the system said, and
// what usually causes it.
std::string describe_filesystem_error(const std::filesystem::filesystem_error& error) {
  const std::error_code code = error.code();
  std::string text = error.path1().empty() ? std::string("a file operation failed")
                                           : error.path1().string() + ": cannot be created, read or written";
  text += " (" + code.message() + ")";
  if (code == std::errc::not_a_directory) {
    text += "; a part of this path is a regular file, not a directory: choose another path";
  } else if (code == std::errc::permission_denied || code == std::errc::operation_not_permitted ||
             code == std::errc::read_only_file_system) {
    text += "; choose a directory you can write to";
  } else if (code == std::errc::no_space_on_device) {
    text += "; free some disk space or write elsewhere";
  } else if (code == std::errc::no_such_file_or_directory) {
    text += "; check the path";
  }
  return text;
}

// For the end-to-end tests of the mapping above, whose failures cannot be
// provoked from the outside on demand: ADOPTSIM_TEST_FAULT=bad_alloc,
// logic_error or unknown throws that before the verb runs.
void inject_fault_for_tests() {
  const char* fault = std::getenv("ADOPTSIM_TEST_FAULT");
  if (fault == nullptr) return;
  const std::string_view kind(fault);
  if (kind == "bad_alloc") throw std::bad_alloc();
  if (kind == "logic_error") throw std::logic_error("injected logic error");
  if (kind == "unknown") throw 42;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace adoptsim::cli;
  CLI::App app{"adoptsim forecasts how an organisation will adopt an internal AI tool under a rollout plan."};
  app.set_version_flag("--version",
                       std::string("adoptsim ") + adoptsim::kVersion + " (" + adoptsim::kGitRevision + ")");
  app.require_subcommand(1);
  app.footer("Run `adoptsim VERB --help` for a verb's flags and an example.");

  const std::vector<Verb> verbs = {add_run_command(app),      add_compare_command(app),
                                   add_validate_command(app), add_plot_command(app),
                                   add_org_command(app),      add_champions_command(app),
                                   add_sweep_command(app),    add_sensitivity_command(app)};

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::Success& success) {
    return app.exit(success);
  } catch (const CLI::ParseError& error) {
    std::cerr << "adoptsim: " << error.what() << "\nRun with --help for the flags and an example.\n";
    return kExitBadInput;
  }

  try {
    inject_fault_for_tests();
    for (const Verb& verb : verbs) {
      if (verb.command->parsed()) return verb.run();
    }
    return kExitBadInput;
  } catch (const BadInput& bad_input) {
    for (const std::string& problem : bad_input.problems()) std::cerr << "adoptsim: " << problem << "\n";
    std::cerr << "Nothing was run or written.\n";
    return kExitBadInput;
  } catch (const adoptsim::org::ImportError& import_error) {
    // Data problems of an imported organisation: every one, then nothing runs.
    for (const auto& issue : import_error.issues()) std::cerr << "adoptsim: " << issue.text() << "\n";
    std::cerr << "Nothing was run or written.\n";
    return kExitBadInput;
  } catch (const adoptsim::common::InputFileError& input_error) {
    // Readers name the file themselves; this is the backstop for one that does not.
    std::cerr << "adoptsim: an input file cannot be used: it " << input_error.what() << "\n";
    return kExitBadInput;
  } catch (const std::bad_alloc&) {
    std::cerr << "adoptsim: out of memory: this machine (or its memory limit, see `ulimit -v`) cannot hold "
                 "the work asked for; use fewer people or ties, fewer replicates (-r), a shorter horizon, "
                 "or drop --per-replicate\n";
    return kExitBadInput;
  } catch (const std::filesystem::filesystem_error& error) {
    std::cerr << "adoptsim: " << describe_filesystem_error(error) << "\n";
    return kExitBadInput;
  } catch (const std::ios_base::failure& error) {
    std::cerr << "adoptsim: a file could not be read or written (" << error.code().message()
              << "); check the disk space and the permissions of the paths given\n";
    return kExitBadInput;
  } catch (const std::exception& error) {
    report_internal_error(error.what());
    return kExitFailure;
  } catch (...) {
    report_internal_error("an exception of an unknown type");
    return kExitFailure;
  }
}
