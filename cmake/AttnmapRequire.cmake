# attnmap_require(PACKAGE DEBIAN_PACKAGE [find_package arguments...]): find_package, or stop the
# configure with one line that names the Debian package to install, instead of CMake's page of
# search paths. pkg-config is looked for the same way (attnmap_require(PkgConfig pkg-config)).
macro(attnmap_require package debian_package)
  find_package(${package} ${ARGN} QUIET)
  if(NOT ${package}_FOUND)
    message(FATAL_ERROR "attnmap needs ${package}: install the Debian package ${debian_package} "
                        "(apt-get install ${debian_package}; scripts/setup.sh installs every one)")
  endif()
endmacro()
