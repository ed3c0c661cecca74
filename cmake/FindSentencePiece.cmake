# Finds libsentencepiece (Google's sentencepiece C++ library).
#
# Defines the imported target SentencePiece::SentencePiece and SentencePiece_FOUND,
# SentencePiece_VERSION, SentencePiece_STATIC. Two kinds are found:
#   - the static archive scripts/build_sentencepiece.sh makes from the PyPI sdist of the release
#     the Python reference pins (encoder, abseil and protobuf-lite in one file; SentencePiece_ROOT
#     points at its prefix, which scripts/setup.sh passes): what the tests and CI use;
#   - a shared system library (Debian: libsentencepiece-dev), through pkg-config or by name.
# Only the encoder library is linked, not libsentencepiece_train.
if(SentencePiece_ROOT AND EXISTS "${SentencePiece_ROOT}/lib/libsentencepiece.a")
  set(SentencePiece_INCLUDE_DIR "${SentencePiece_ROOT}/include" CACHE PATH "" FORCE)
  set(SentencePiece_LIBRARY "${SentencePiece_ROOT}/lib/libsentencepiece.a" CACHE FILEPATH "" FORCE)
  file(READ "${SentencePiece_ROOT}/VERSION" SentencePiece_VERSION)
  string(STRIP "${SentencePiece_VERSION}" SentencePiece_VERSION)
else()
  find_package(PkgConfig QUIET)
  if(PKG_CONFIG_FOUND)
    pkg_check_modules(PC_SentencePiece QUIET sentencepiece)
  endif()
  find_path(SentencePiece_INCLUDE_DIR sentencepiece_processor.h HINTS ${PC_SentencePiece_INCLUDE_DIRS})
  find_library(SentencePiece_LIBRARY NAMES sentencepiece HINTS ${PC_SentencePiece_LIBRARY_DIRS})
  set(SentencePiece_VERSION "${PC_SentencePiece_VERSION}")
endif()
set(SentencePiece_STATIC OFF)
if(SentencePiece_LIBRARY MATCHES "\\.a$")
  set(SentencePiece_STATIC ON)
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(SentencePiece
  REQUIRED_VARS SentencePiece_LIBRARY SentencePiece_INCLUDE_DIR
  VERSION_VAR SentencePiece_VERSION)

if(SentencePiece_FOUND AND NOT TARGET SentencePiece::SentencePiece)
  if(SentencePiece_STATIC)
    find_package(Threads REQUIRED)  # abseil's synchronization
    add_library(SentencePiece::SentencePiece STATIC IMPORTED)
    set_target_properties(SentencePiece::SentencePiece PROPERTIES INTERFACE_LINK_LIBRARIES Threads::Threads)
  else()
    add_library(SentencePiece::SentencePiece UNKNOWN IMPORTED)
  endif()
  set_target_properties(SentencePiece::SentencePiece PROPERTIES
    IMPORTED_LOCATION "${SentencePiece_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${SentencePiece_INCLUDE_DIR}")
endif()
mark_as_advanced(SentencePiece_INCLUDE_DIR SentencePiece_LIBRARY)
