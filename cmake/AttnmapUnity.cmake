# Unity builds: a target's sources compiled a few at a time as one translation unit, so that the
# headers they share (nlohmann/json, CLI11, libtorch) are parsed and their templates instantiated
# once per batch instead of once per file. On 2 cores the attnmap binary built cold in 4 min 04 s
# file by file, 4 min 47 s with precompiled headers (its cost is code generation, which a PCH does
# not share) and under 2 min as unity batches. ATTNMAP_UNITY=OFF builds file by file, which also
# checks that each file includes what it uses.
#
# Files of one batch share a namespace scope: a file-local name (anonymous namespace, static) must
# not be defined in two files of the same target.
option(ATTNMAP_UNITY "Compile each target's sources in unity batches" ON)
set(ATTNMAP_UNITY_BATCH 8 CACHE STRING "Sources per unity batch")

# attnmap_unity(TARGET...): each TARGET compiles in unity batches when ATTNMAP_UNITY is on.
function(attnmap_unity)
  if(ATTNMAP_UNITY)
    set_target_properties(${ARGN} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE ${ATTNMAP_UNITY_BATCH})
  endif()
endfunction()
