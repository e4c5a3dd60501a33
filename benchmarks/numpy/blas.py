"""Which BLAS a NumPy process runs on: the library it loaded (from the process's memory map) and, for OpenBLAS, the
kernel OpenBLAS chose for this processor. Debian's NumPy links the generic libblas.so.3, which is netlib's reference
BLAS unless an optimized one (`apt-get install libopenblas0-pthread`) takes over that name."""
import ctypes
import os


def describe():
    import numpy  # noqa: F401  (loads the BLAS, so that it is in the memory map)
    with open("/proc/self/maps") as maps:
        paths = sorted({line.split()[-1] for line in maps if "blas" in line.lower() and line.split()[-1].startswith("/")})
    library = os.path.realpath(paths[0]) if paths else "none found"
    if "openblas" in library:
        lib = ctypes.CDLL(library)
        lib.openblas_get_corename.restype = ctypes.c_char_p
        return f"OpenBLAS {library}, kernel {lib.openblas_get_corename().decode()}"
    return f"{library} (not OpenBLAS)"
