// The adoptsim command line: parses the verb and its flags, runs it, and
// turns bad input into a readable message and exit status 2.
#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>

#include "adoptsim/org/import.hpp"
#include "adoptsim/version.hpp"
#include "cli_support.hpp"
#include "commands.hpp"

int main(int argc, char** argv) {
  using namespace adoptsim::cli;
  CLI::App app{"adoptsim forecasts how an organisation will adopt an internal AI tool under a rollout plan."};
  app.set_version_flag("--version",
                       std::string("adoptsim ") + adoptsim::kVersion + " (" + adoptsim::kGitRevision + ")");
  app.require_subcommand(1);
  app.footer("Run `adoptsim VERB --help` for a verb's flags and an example.");

  const std::vector<Verb> verbs = {add_run_command(app),      add_compare_command(app),
                                   add_validate_command(app), add_plot_command(app),
                                   add_org_command(app),      add_champions_command(app)};

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
  } catch (const std::exception& error) {
    std::cerr << "adoptsim: " << error.what() << "\n";
    return kExitFailure;
  }
}
