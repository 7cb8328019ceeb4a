# Finds Random123 (Debian: librandom123-dev), a header-only library of
# counter-based random number generators, and defines Random123::Random123.
find_path(Random123_INCLUDE_DIR NAMES Random123/philox.h)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Random123 REQUIRED_VARS Random123_INCLUDE_DIR)
if(Random123_FOUND AND NOT TARGET Random123::Random123)
  add_library(Random123::Random123 INTERFACE IMPORTED)
  # SYSTEM: its headers are not ours to warn about.
  set_target_properties(Random123::Random123 PROPERTIES INTERFACE_SYSTEM_INCLUDE_DIRECTORIES
                                                        "${Random123_INCLUDE_DIR}")
endif()
mark_as_advanced(Random123_INCLUDE_DIR)
