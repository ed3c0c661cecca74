// Intel's MKL, which libtorch_cpu carries inside, runs its fastest kernels only on CPUs whose
// vendor is Intel: on an AMD EPYC with AVX-512 its sgemm takes the AVX2 path at under half the
// speed (448x384 by 384x1536, one thread: 82 against 181 GFLOPS), and every linear layer of a
// model, forward and backward, goes through it. MKL asks this one function whether the CPU is
// Intel's; the attnmap executable exports its own (CMakeLists.txt: --export-dynamic-symbol), which
// the dynamic linker binds before the one inside libtorch_cpu. MKL still chooses its kernels by
// the CPU's own feature flags, so no CPU is given an instruction it lacks.
//
// ATTNMAP_MKL_VENDOR_CHECK=1 keeps MKL's own answer (for comparison: scripts/bench/run.sh --only
// mkl-vendor). Nothing else in attnmap depends on this file; a program without it runs the same
// numbers to rounding (tests: cli.mkl_vendor_check).
#include <dlfcn.h>

#include <cstdlib>
#include <string_view>

extern "C" __attribute__((visibility("default"))) int mkl_serv_intel_cpu_true() {
  static const int answer = [] {
    const char* keep = std::getenv("ATTNMAP_MKL_VENDOR_CHECK");
    if (keep != nullptr && std::string_view(keep) == "1") {
      using Check = int (*)();
      // The next definition after the executable's: MKL's, inside libtorch_cpu.
      if (auto mkl = reinterpret_cast<Check>(dlsym(RTLD_NEXT, "mkl_serv_intel_cpu_true"))) return mkl();
    }
    return 1;
  }();
  return answer;
}
