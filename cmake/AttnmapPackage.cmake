# Installs a CMake package so another project can find_package(attnmap) and link attnmap::core
# (and attnmap::model when it was built).
include(CMakePackageConfigHelpers)
set(ATTNMAP_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/attnmap")
install(EXPORT attnmapTargets NAMESPACE attnmap:: DESTINATION "${ATTNMAP_INSTALL_CMAKEDIR}")
configure_package_config_file(cmake/attnmapConfig.cmake.in
  "${CMAKE_CURRENT_BINARY_DIR}/attnmapConfig.cmake"
  INSTALL_DESTINATION "${ATTNMAP_INSTALL_CMAKEDIR}")
write_basic_package_version_file("${CMAKE_CURRENT_BINARY_DIR}/attnmapConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES "${CMAKE_CURRENT_BINARY_DIR}/attnmapConfig.cmake"
              "${CMAKE_CURRENT_BINARY_DIR}/attnmapConfigVersion.cmake"
        DESTINATION "${ATTNMAP_INSTALL_CMAKEDIR}")
