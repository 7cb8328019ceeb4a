# One static library per module of docs/architecture.md, each seeing only the
# headers of the modules it links, so that an include across the module map
# fails to compile instead of only being frowned upon.
#
# The public headers live in one tree, include/adoptsim/<module>/, and are
# included as "adoptsim/<module>/x.hpp". Putting include/ on a target's
# include path would expose every module, so each module gets its own tree in
# the build directory holding a single symbolic link,
#   ${ADOPTSIM_INCLUDE_MAP}/<module>/adoptsim/<module> -> include/adoptsim/<module>
# and adoptsim_<module> publishes only that tree. A module's headers are
# therefore reachable only by linking adoptsim_<module>, directly or through a
# PUBLIC dependency.
#
# A module's private headers (sim/<module>/*.hpp) are included by its own
# sources by their bare name, from the including file's folder. Tests that
# need them link adoptsim_<module>_internal (adoptsim_add_internal), which
# publishes ${ADOPTSIM_INCLUDE_MAP}/internal/<module>/<module> -> sim/<module>,
# so they are included as "<module>/x.hpp" and only by a test that asks.

set(ADOPTSIM_INCLUDE_MAP "${PROJECT_BINARY_DIR}/include-map")

# Creates (or refreshes) the symbolic link `link` to the directory `target`.
function(_adoptsim_link_directory target link)
  get_filename_component(parent "${link}" DIRECTORY)
  file(MAKE_DIRECTORY "${parent}")
  if(IS_SYMLINK "${link}")
    file(READ_SYMLINK "${link}" current)
    if(current STREQUAL target)
      return()
    endif()
    file(REMOVE "${link}")
  elseif(EXISTS "${link}")
    message(FATAL_ERROR "${link} exists and is not a symbolic link; remove it and configure again")
  endif()
  file(CREATE_LINK "${target}" "${link}" SYMBOLIC)
endfunction()

# Fails the configuration when a dependency is not a target: a misspelt
# module would otherwise become a plain "-l" flag and fail only at link time.
function(_adoptsim_require_targets owner)
  foreach(dependency IN LISTS ARGN)
    if(NOT TARGET "${dependency}")
      message(FATAL_ERROR "${owner}: '${dependency}' is not a target (modules are declared in map order, "
                          "left to right, in sim/CMakeLists.txt)")
    endif()
  endforeach()
endfunction()

# adoptsim_add_module(<module> SOURCES <file>... [PUBLIC <target>...] [PRIVATE <target>...])
#
# Defines the static library adoptsim_<module> from SOURCES (relative to the
# calling sim/<module>/CMakeLists.txt). PUBLIC: the targets whose headers the
# module's public headers include; PRIVATE: those only its sources include.
# Other modules are named by their target, adoptsim_<other>.
function(adoptsim_add_module module)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES;PUBLIC;PRIVATE")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "adoptsim_add_module(${module}): unexpected arguments ${arg_UNPARSED_ARGUMENTS}")
  endif()
  set(target "adoptsim_${module}")
  _adoptsim_require_targets(${target} ${arg_PUBLIC} ${arg_PRIVATE})
  set(tree "${ADOPTSIM_INCLUDE_MAP}/${module}")
  _adoptsim_link_directory("${PROJECT_SOURCE_DIR}/include/adoptsim/${module}" "${tree}/adoptsim/${module}")
  add_library(${target} STATIC ${arg_SOURCES})
  target_include_directories(${target} PUBLIC "${tree}")
  target_link_libraries(${target} PUBLIC ${arg_PUBLIC} PRIVATE adoptsim_warnings ${arg_PRIVATE})
endfunction()

# adoptsim_add_internal(<module> [<target>...])
#
# Defines the INTERFACE target adoptsim_<module>_internal: adoptsim_<module>
# plus its private headers as "<module>/x.hpp", for the module's own tests.
# <target>...: what the private headers include beyond the module's public
# dependencies (the module's PRIVATE ones).
function(adoptsim_add_internal module)
  set(target "adoptsim_${module}_internal")
  _adoptsim_require_targets(${target} adoptsim_${module} ${ARGN})
  set(tree "${ADOPTSIM_INCLUDE_MAP}/internal/${module}")
  _adoptsim_link_directory("${PROJECT_SOURCE_DIR}/sim/${module}" "${tree}/${module}")
  add_library(${target} INTERFACE)
  target_include_directories(${target} INTERFACE "${tree}")
  target_link_libraries(${target} INTERFACE adoptsim_${module} ${ARGN})
endfunction()
