# The Debian package of attnmap (CPack's DEB generator): the command and its exporter, and the C++
# library (headers, static libraries, the CMake package), under /usr. libtorch is no Debian
# package, so the libtorch this build links travels with it as private libraries in
# /usr/lib/attnmap, which the installed command finds through its RPATH ($ORIGIN/../lib/attnmap);
# cmake/debian_stage.cmake.in copies them in (and adds the Debian documents) before the
# package is made.
#
#   cpack --config build/CPackConfig.cmake -B DIR    (or: cmake --build build --target package)
#
# The Debian dependencies of the system libraries come from dpkg-shlibdeps; the fonts the figures
# need are named here.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME attnmap)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "attnmap")
set(CPACK_PACKAGE_CONTACT "attnmap maintainers <maintainers@attnmap.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "attention heatmaps and saliency maps for BERT-family classifiers")
# The extended description (Debian wraps nothing: lines under 80 characters).
set(CPACK_PACKAGE_DESCRIPTION "Tokenizes text exactly as Hugging Face does, runs exported BERT-family
classifiers through libtorch, and draws the attention of every layer and
head, saliency maps and their faithfulness as PNG and SVG figures; runs
whole labelled data sets.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-dejavu-core")
# CJK labels; the exporter needs a Python with torch and transformers, which Debian does not ship
# at the versions attnmap is built against: `attnmap export` names $ATTNMAP_PYTHON for that.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-wqy-microhei, python3")
# xz would take minutes over libtorch's 450 MB; gzip is what every dpkg and lintian accept.
set(CPACK_DEBIAN_COMPRESSION_TYPE gzip)
configure_file(cmake/debian_stage.cmake.in "${CMAKE_CURRENT_BINARY_DIR}/debian_stage.cmake" @ONLY)
set(CPACK_PRE_BUILD_SCRIPTS "${CMAKE_CURRENT_BINARY_DIR}/debian_stage.cmake")
include(CPack)
