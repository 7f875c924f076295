#!/bin/sh
# Build a CPython 3.11 that needs no newer C library than glibc 2.28 (统信UOS 20; 银河麒麟 V10 has 2.31),
# on any newer x86-64 Linux, so that the offline package built with it starts on those systems.
#
#   scripts/build_python_for_old_glibc.sh [WORK]          (WORK defaults to ~/nianbao-glibc228)
#
# zig's C compiler (the `ziglang` wheel) links against the symbol versions of the glibc named in its target,
# whatever the build machine has, so everything compiled here asks for at most GLIBC_2.28. Built from
# source: zlib, bzip2, xz, expat and libffi (static; ctypes, which pypdfium2 needs, uses libffi) and CPython as a shared
# library (PyInstaller needs libpython3.11.so). The sources come from Debian's archive with
# `apt-get source --download-only` (needs a deb-src line), unless already in WORK/dl, with Debian 12's
# security fixes applied (expat is built because Debian's has fixes the copy inside CPython lacks).
# Python's ssl, sqlite, readline, curses and tkinter modules are not built: the package needs none of them.
# Result: WORK/python/bin/python3.11, and WORK/venv, a venv of it holding packaging/build-lock-glibc228.txt
# (installed from wheels that pip, run by the build machine's Python, downloads for manylinux_2_28).
# Then: WORK/venv/bin/python scripts/build_bundle.py -o DIR --lock packaging/build-lock-glibc228.txt
set -eu
GLIBC=${GLIBC:-2.28}
JOBS=${JOBS:-2}
ZIG_VERSION=0.17.1
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mkdir -p "${1:-$HOME/nianbao-glibc228}" && cd "${1:-$HOME/nianbao-glibc228}" && pwd)
HOST_PYTHON=${HOST_PYTHON:-python3}
DL=$WORK/dl DEPS=$WORK/deps PREFIX=$WORK/python SRC=$WORK/src BIN=$WORK/bin
mkdir -p "$DL" "$DEPS/include" "$DEPS/lib" "$SRC" "$BIN"
log() { echo "old-glibc: $*"; }

# 1. Sources and the compiler.
cd "$DL"
for package in python3.11 zlib bzip2 xz-utils libffi expat; do
    case $package in
        python3.11) pattern='python3.11_*.orig.tar.*' ;;
        *) pattern="${package}_*.orig.tar.*" ;;
    esac
    if ! ls $pattern >/dev/null 2>&1; then
        log "downloading the source of $package (apt-get source; needs a deb-src entry)"
        apt-get source --download-only -q "$package"
    fi
done
if [ ! -x "$WORK/zig/ziglang/zig" ]; then
    "$HOST_PYTHON" -m pip download -q --no-deps --only-binary=:all: "ziglang==$ZIG_VERSION" -d "$DL"
    "$HOST_PYTHON" -c "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])" \
        "$(ls "$DL"/ziglang-"$ZIG_VERSION"-*.whl | head -1)" "$WORK/zig"
    chmod +x "$WORK/zig/ziglang/zig"
fi
ZIG=$WORK/zig/ziglang/zig
# Wrappers, because configure scripts want one word for each tool. UBSan traps (zig's default without -O)
# would abort configure's test programs; CPython stamps __DATE__ into its build info; and zig's linker
# knows the soname option only by its long name.
for tool in cc c++; do
    cat >"$BIN/$tool" <<EOF
#!/bin/sh
for arg do
    shift
    case \$arg in
        -Wl,-h*) set -- "\$@" "-Wl,-soname,\${arg#-Wl,-h}" ;;
        *) set -- "\$@" "\$arg" ;;
    esac
done
exec "$ZIG" $tool -target x86_64-linux-gnu.$GLIBC -fno-sanitize=undefined -Wno-error=date-time "\$@"
EOF
done
printf '#!/bin/sh\nexec "%s" ar "$@"\n' "$ZIG" >"$BIN/ar"
printf '#!/bin/sh\nexec "%s" ranlib "$@"\n' "$ZIG" >"$BIN/ranlib"
chmod +x "$BIN/cc" "$BIN/c++" "$BIN/ar" "$BIN/ranlib"
export CC="$BIN/cc" CXX="$BIN/c++" AR="$BIN/ar" RANLIB="$BIN/ranlib"
# Only our own libraries, never the build machine's (their headers and .pc files are for its newer glibc).
export PKG_CONFIG_LIBDIR="$DEPS/lib/pkgconfig" PKG_CONFIG_PATH=""

unpack() {  # unpack ARCHIVE-PATTERN into $SRC, print the folder
    archive=$(ls "$DL"/$1 | head -1)
    folder=$SRC/$(tar -tf "$archive" | head -1 | cut -d/ -f1)
    [ -d "$folder" ] || tar -xf "$archive" -C "$SRC"
    echo "$folder"
}

# Debian's fixes (security ones above all) from PACKAGE's debian tarball, applied once to the current folder,
# from the patch named FIRST on (Debian's own layout changes before it stay out), or all of them.
debian_patches() {
    [ -f .debian-patched ] && return 0
    patches=$(mktemp -d)
    tar -xf "$(ls "$DL"/"$1"_*.debian.tar.* | head -1)" -C "$patches"
    series=$patches/debian/patches/series
    first=${2:-}
    start=1
    [ -n "$first" ] && start=$(grep -n "^$first\$" "$series" | cut -d: -f1)
    tail -n +"$start" "$series" | grep -v '^#' | while read -r name _; do
        [ -n "$name" ] && patch -p1 -s --forward --no-backup-if-mismatch <"$patches/debian/patches/$name"
    done
    rm -rf "$patches"
    touch .debian-patched
}

# 2. Libraries, static and position-independent, linked into Python's modules.
if [ ! -f "$DEPS/lib/libz.a" ]; then
    log "zlib"
    cd "$(unpack 'zlib_*.orig.tar.*')"
    CFLAGS="-O2 -fPIC" ./configure --static --prefix="$DEPS" >/dev/null
    make -s -j"$JOBS" libz.a
    make -s install >/dev/null
fi
if [ ! -f "$DEPS/lib/libbz2.a" ]; then
    log "bzip2"
    cd "$(unpack 'bzip2_*.orig.tar.*')"
    make -s -j"$JOBS" libbz2.a CC="$CC" AR="$AR" RANLIB="$RANLIB" CFLAGS="-O2 -fPIC -D_FILE_OFFSET_BITS=64"
    cp bzlib.h "$DEPS/include/"
    cp libbz2.a "$DEPS/lib/"
fi
if [ ! -f "$DEPS/lib/liblzma.a" ]; then
    log "xz"
    cd "$(unpack 'xz-utils_*.orig.tar.*')"
    debian_patches xz-utils
    CFLAGS="-O2" ./configure -q --prefix="$DEPS" --libdir="$DEPS/lib" --disable-shared --enable-static --with-pic \
        --disable-xz --disable-xzdec --disable-lzmadec --disable-lzmainfo --disable-lzma-links --disable-scripts \
        --disable-doc --disable-nls
    make -s -j"$JOBS"
    make -s install >/dev/null
fi
if [ ! -f "$DEPS/lib/libffi.a" ]; then
    log "libffi"
    cd "$(unpack 'libffi_*.orig.tar.*')"
    # The static trampolines (tramp.c) call a function it never declares, an error for zig's clang.
    CFLAGS="-O2" ./configure -q --prefix="$DEPS" --libdir="$DEPS/lib" --disable-shared --enable-static --with-pic \
        --disable-docs --disable-multi-os-directory --disable-exec-static-tramp
    make -s -j"$JOBS"
    make -s install >/dev/null
fi

if [ ! -f "$DEPS/lib/libexpat.a" ]; then
    log "expat"  # Python's own copy (2.5.0) lacks the fixes for CVE-2024-45490..45492, -50602, -8176
    cd "$(unpack 'expat_*.orig.tar.*')"
    debian_patches expat
    # A git snapshot without a configure script: built with cmake.
    cmake -S expat -B build-zig -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_COMPILER="$CC" -DCMAKE_AR="$AR" \
        -DCMAKE_RANLIB="$RANLIB" -DCMAKE_POSITION_INDEPENDENT_CODE=ON -DCMAKE_INSTALL_PREFIX="$DEPS" \
        -DCMAKE_INSTALL_LIBDIR=lib -DEXPAT_SHARED_LIBS=OFF -DEXPAT_BUILD_TOOLS=OFF -DEXPAT_BUILD_EXAMPLES=OFF \
        -DEXPAT_BUILD_TESTS=OFF -DEXPAT_BUILD_DOCS=OFF -DEXPAT_BUILD_PKGCONFIG=ON >/dev/null
    # Debian's CVE-2024-8176 fix tests `#if XML_DTD == 1`, as autotools defines it; cmake defines it empty.
    sed -i 's/^#define XML_DTD$/#define XML_DTD 1/; s/^#define XML_NS$/#define XML_NS 1/' build-zig/expat_config.h
    cmake --build build-zig -j "$JOBS" >/dev/null
    cmake --install build-zig >/dev/null
fi

# 3. CPython, shared (PyInstaller bundles libpython3.11.so).
if [ ! -f "$PREFIX/.built" ]; then
    log "CPython"
    cd "$(unpack 'python3.11_*.orig.tar.*')"
    # Debian 12's fixes since 3.11.2 (CVE patches and two crash fixes), not its file layout changes.
    debian_patches python3.11 shutdown-deadlock.diff
    # One of them makes pyexpat use an internal header, which needs this define when pyexpat is a shared
    # module (Debian builds it in); later 3.11 releases carry the same lines.
    if grep -q pycore_ceval Modules/pyexpat.c && ! grep -q Py_BUILD_CORE_MODULE Modules/pyexpat.c; then
        sed -i '1i #ifndef Py_BUILD_CORE_BUILTIN\n#  define Py_BUILD_CORE_MODULE 1\n#endif' Modules/pyexpat.c
    fi
    # Configured once (delete WORK/src to start again): a new configure would rebuild every file.
    [ -f Makefile ] || ./configure -q --prefix="$PREFIX" --enable-shared --with-ensurepip=install --without-readline \
        --with-system-expat \
        CPPFLAGS="-I$DEPS/include" LDFLAGS="-L$DEPS/lib -Wl,-rpath,$PREFIX/lib" \
        ZLIB_CFLAGS="-I$DEPS/include" ZLIB_LIBS="-L$DEPS/lib -lz" \
        BZIP2_CFLAGS="-I$DEPS/include" BZIP2_LIBS="-L$DEPS/lib -lbz2" \
        LIBLZMA_CFLAGS="-I$DEPS/include" LIBLZMA_LIBS="-L$DEPS/lib -llzma" \
        LIBFFI_CFLAGS="-I$DEPS/include" LIBFFI_LIBS="-L$DEPS/lib -lffi"
    # setup.py adds the build machine's /usr/include/<multiarch> when dpkg-architecture names it: those
    # headers (glibc 2.36) clash with zig's glibc 2.28 ones. A dpkg-architecture that fails keeps them out.
    mkdir -p "$WORK/hide"
    printf '#!/bin/sh\nexit 1\n' >"$WORK/hide/dpkg-architecture"
    chmod +x "$WORK/hide/dpkg-architecture"
    # No libpython3.so (the stable-ABI stub, needed by nothing here): zig cannot link a library without objects.
    PATH="$WORK/hide:$PATH" make -s -j"$JOBS" PY3LIBRARY= >"$WORK/python-make.log" 2>&1 \
        || { tail -40 "$WORK/python-make.log"; exit 1; }
    PATH="$WORK/hide:$PATH" make -s install PY3LIBRARY= >"$WORK/python-install.log" 2>&1 \
        || { tail -40 "$WORK/python-install.log"; exit 1; }
fi
"$PREFIX/bin/python3.11" -c "import zlib, bz2, lzma, ctypes, _decimal, pyexpat, hashlib, _posixsubprocess"
touch "$PREFIX/.built"
log "python ok: $PREFIX/bin/python3.11"

# 4. The build venv, holding the glibc 2.28 lock. pip in it must never pick a wheel newer than manylinux_2_28
#    (PEP 600's _manylinux hook); the wheels are downloaded by the build machine's pip (this Python has no ssl).
if [ ! -x "$WORK/venv/bin/python" ]; then
    "$PREFIX/bin/python3.11" -m venv "$WORK/venv"
fi
site=$("$WORK/venv/bin/python" -c "import sysconfig; print(sysconfig.get_paths()['purelib'])")
cat >"$site/_manylinux.py" <<EOF
"""PEP 600: this environment builds for glibc $GLIBC, so it takes no wheel that needs a newer one."""


def manylinux_compatible(tag_major, tag_minor, tag_arch):
    return (tag_major, tag_minor) <= ($(echo "$GLIBC" | tr . ,))
EOF
LOCK=$ROOT/packaging/build-lock-glibc228.txt
WHEELS=$WORK/wheels
mkdir -p "$WHEELS"
platforms=""
for minor in 28 27 24 17; do platforms="$platforms --platform manylinux_2_${minor}_x86_64"; done
"$HOST_PYTHON" -m pip download -q --no-deps --only-binary=:all: --require-hashes $platforms --platform manylinux2014_x86_64 \
    --python-version 3.11 --implementation cp -d "$WHEELS" -r "$LOCK"
"$WORK/venv/bin/python" -m pip install -q --no-index --find-links "$WHEELS" --require-hashes --no-deps -r "$LOCK"
log "ready: $WORK/venv/bin/python scripts/build_bundle.py -o DIR --lock packaging/build-lock-glibc228.txt --glibc $GLIBC"
