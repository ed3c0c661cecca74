# Warnings are on for our own targets only; third-party headers come in as SYSTEM includes.
function(attnmap_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor)
endfunction()
