# The layers of attnmap, each a library that sees only itself and the layers below it.
#
# A module is a directory src/DIR/ and the public headers of include/attnmap/ that belong to it.
# Its sources compile against one include root of its own, build/layers/NAME/, which holds links
# to src/DIR/ and to the public headers of the module and of everything it depends on, and to
# nothing else. So `#include "render/font.h"` or `#include "attnmap/figure.h"` in a layer below the
# renderer names a file that is not there: a backwards include fails to compile (the ctest
# layering.* shows it) instead of quietly growing a cycle.
#
# Inside a module, files include each other by their directory ("render/canvas.h"), and the
# headers of a lower module by its own ("core/utf8.h"), as everywhere in the tree.

# attnmap_module(NAME DIR dir [HEADERS h...] [SOURCES s...] [DEPENDS module...] [LIBRARIES lib...])
#   makes the static library attnmap_NAME from src/DIR/ SOURCES; HEADERS are file names in
#   include/attnmap/ (or absolute paths, for generated ones); DEPENDS are modules below it, linked
#   PUBLIC; LIBRARIES are third-party libraries, linked PRIVATE.
function(attnmap_module name)
  cmake_parse_arguments(M "" "DIR" "HEADERS;SOURCES;DEPENDS;LIBRARIES" ${ARGN})
  set(visible ${name})
  foreach(dep IN LISTS M_DEPENDS)
    get_property(below GLOBAL PROPERTY ATTNMAP_MODULE_VISIBLE_${dep})
    if(NOT below)
      message(FATAL_ERROR "attnmap_module(${name}): ${dep} is not a module defined before it")
    endif()
    list(APPEND visible ${below})
  endforeach()
  list(REMOVE_DUPLICATES visible)
  set(headers)
  foreach(h IN LISTS M_HEADERS)
    if(NOT IS_ABSOLUTE "${h}")
      set(h "${PROJECT_SOURCE_DIR}/include/attnmap/${h}")
    endif()
    list(APPEND headers "${h}")
  endforeach()
  set_property(GLOBAL PROPERTY ATTNMAP_MODULE_VISIBLE_${name} ${visible})
  set_property(GLOBAL PROPERTY ATTNMAP_MODULE_DIR_${name} ${M_DIR})
  set_property(GLOBAL PROPERTY ATTNMAP_MODULE_HEADERS_${name} ${headers})

  # The include root: made anew at each configure, so a header that left a module leaves it too.
  set(root "${PROJECT_BINARY_DIR}/layers/${name}")
  file(REMOVE_RECURSE "${root}")
  file(MAKE_DIRECTORY "${root}/attnmap")
  foreach(module IN LISTS visible)
    get_property(dir GLOBAL PROPERTY ATTNMAP_MODULE_DIR_${module})
    get_property(module_headers GLOBAL PROPERTY ATTNMAP_MODULE_HEADERS_${module})
    file(CREATE_LINK "${PROJECT_SOURCE_DIR}/src/${dir}" "${root}/${dir}" SYMBOLIC)
    foreach(h IN LISTS module_headers)
      get_filename_component(file_name "${h}" NAME)
      file(CREATE_LINK "${h}" "${root}/attnmap/${file_name}" SYMBOLIC)
    endforeach()
  endforeach()

  list(TRANSFORM M_SOURCES PREPEND "src/${M_DIR}/")
  add_library(attnmap_${name} STATIC ${M_SOURCES})
  target_include_directories(attnmap_${name}
    PRIVATE "${root}"
    INTERFACE $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  list(TRANSFORM M_DEPENDS PREPEND attnmap_)
  target_link_libraries(attnmap_${name} PUBLIC ${M_DEPENDS} PRIVATE ${M_LIBRARIES})
  set_target_properties(attnmap_${name} PROPERTIES POSITION_INDEPENDENT_CODE ON EXPORT_NAME ${name})
  attnmap_warnings(attnmap_${name})
  attnmap_unity(attnmap_${name})
  add_library(attnmap::${name} ALIAS attnmap_${name})
  install(TARGETS attnmap_${name} EXPORT attnmapTargets)
endfunction()

# The include directories of the whole tree, for what stands outside the layers and may look at
# any of them: the unit tests, fuzz targets and benchmarks.
function(attnmap_sees_everything target)
  target_include_directories(${target} PRIVATE "${PROJECT_SOURCE_DIR}/src" "${PROJECT_SOURCE_DIR}/include"
                                               "${PROJECT_BINARY_DIR}/generated")
endfunction()
