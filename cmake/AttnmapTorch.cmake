# Finds libtorch and wraps it in one INTERFACE target, attnmap_torch.
#
# Where libtorch comes from, in order:
#   1. Torch_DIR or CMAKE_PREFIX_PATH given by the user (the standalone libtorch zip, a CUDA build);
#   2. under pip (scikit-build-core), the torch of the environment being installed into, asked of
#      its Python with -I: isolated mode ignores the PYTHONPATH through which pip's build
#      isolation hides the environment's packages;
#   3. the torch Python package of the project's virtual environment (.venv);
# 2 and 3 through torch.utils.cmake_prefix_path.
# CUDA is used when the libtorch found was built with it; nothing here asks for it.
if(NOT Torch_DIR)
  find_package(Torch QUIET CONFIG)
endif()
if(NOT Torch_FOUND)
  if(SKBUILD)
    set(_attnmap_python "${Python_EXECUTABLE}")
    if(NOT _attnmap_python)
      set(_attnmap_python "${Python3_EXECUTABLE}")
    endif()
  else()
    set(_attnmap_python "${CMAKE_CURRENT_SOURCE_DIR}/.venv/bin/python")
    if(NOT EXISTS "${_attnmap_python}")
      find_program(_attnmap_python NAMES python3 python)
    endif()
  endif()
  if(_attnmap_python)
    execute_process(
      COMMAND "${_attnmap_python}" -I -c "import torch.utils; print(torch.utils.cmake_prefix_path)"
      OUTPUT_VARIABLE _attnmap_torch_prefix OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  endif()
  if(_attnmap_torch_prefix)
    list(APPEND CMAKE_PREFIX_PATH "${_attnmap_torch_prefix}")
  endif()
  find_package(Torch CONFIG)
endif()
if(NOT Torch_FOUND AND SKBUILD)
  message(FATAL_ERROR
    "attnmap is built against the torch of the environment it is installed into, and "
    "${_attnmap_python} has none: install torch first (pip install torch), then attnmap")
elseif(NOT Torch_FOUND)
  message(FATAL_ERROR
    "libtorch not found. Run scripts/setup.sh (it installs torch into .venv), or point "
    "-DCMAKE_PREFIX_PATH / -DTorch_DIR at a libtorch of your own, "
    "or configure with -DATTNMAP_WITH_TORCH=OFF to build only the torch-free core.")
endif()

add_library(attnmap_torch INTERFACE)
# TorchConfig adds its include directories as ordinary ones; mark them SYSTEM so -Wall stays quiet.
target_include_directories(attnmap_torch SYSTEM INTERFACE ${TORCH_INCLUDE_DIRS})
target_link_libraries(attnmap_torch INTERFACE ${TORCH_LIBRARIES})
if(TORCH_CXX_FLAGS)
  separate_arguments(_attnmap_torch_flags UNIX_COMMAND "${TORCH_CXX_FLAGS}")
  target_compile_options(attnmap_torch INTERFACE ${_attnmap_torch_flags})
endif()
get_filename_component(ATTNMAP_TORCH_LIBDIR "${TORCH_LIBRARY}" DIRECTORY)
message(STATUS "attnmap: libtorch ${Torch_VERSION} from ${ATTNMAP_TORCH_LIBDIR}")
