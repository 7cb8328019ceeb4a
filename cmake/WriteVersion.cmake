# Writes the version header with the revision the sources are at now: run at
# every build (the adoptsim_version_header target), so a build after a new
# commit never carries the revision of the commit it was configured at.
# configure_file rewrites the header only when its text changes, so an
# unchanged revision recompiles nothing.
# Inputs: SOURCE_DIR, INPUT (version.hpp.in), OUTPUT, PROJECT_VERSION.
execute_process(COMMAND git rev-parse --short=12 HEAD WORKING_DIRECTORY "${SOURCE_DIR}"
                OUTPUT_VARIABLE ADOPTSIM_GIT_REVISION OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT ADOPTSIM_GIT_REVISION)
  set(ADOPTSIM_GIT_REVISION "unknown")
endif()
configure_file("${INPUT}" "${OUTPUT}" @ONLY)
