#!/bin/sh
# Opt-in (not in CI): proves the Pi distribution runs on linux-aarch64. Runs
#   sim2pi-controller run --hardware sim --bundle models/policies/balancer --duration 10
# from the built tarball with Debian 13 "trixie" arm64 OpenJDK under qemu-user (qemu-aarch64-static
# with the arm64 files as its sysroot: no chroot, no binfmt_misc registration, no root inside).
#
# Needs: network to deb.debian.org; apt packages qemu-user-static and debootstrap (installed here
# with apt-get when missing and we are root). The tarball comes from
#   ./mvnw -pl controller -am package -DskipTests
# Environment: SIM2PI_AARCH64_DIR (work folder, default controller/target/aarch64),
#   SIM2PI_AARCH64_JDK (Debian package, default openjdk-21-jre-headless; trixie also has openjdk-25).
set -eu

repo=$(cd "$(dirname "$0")/../.." && pwd)
work=${SIM2PI_AARCH64_DIR:-$repo/controller/target/aarch64}
jdk=${SIM2PI_AARCH64_JDK:-openjdk-21-jre-headless}
mirror=${SIM2PI_DEBIAN_MIRROR:-http://deb.debian.org/debian}
say() { echo "check-aarch64: $*" >&2; }

tarball=$(ls "$repo"/controller/target/sim2pi-controller-*.tar.gz 2>/dev/null | head -n 1 || true)
if [ -z "$tarball" ]; then
    say "no distribution in controller/target; build it first: ./mvnw -pl controller -am package -DskipTests"
    exit 2
fi

if ! command -v qemu-aarch64-static >/dev/null || ! command -v debootstrap >/dev/null; then
    if [ "$(id -u)" -ne 0 ]; then
        say "needs qemu-user-static and debootstrap: sudo apt-get install qemu-user-static debootstrap"
        exit 2
    fi
    apt-get install -y --no-install-recommends qemu-user-static debootstrap >&2
fi

rootfs=$work/rootfs
if [ ! -x "$rootfs/usr/lib/jvm/java-21-openjdk-arm64/bin/java" ] && ! ls "$rootfs"/usr/lib/jvm/*/bin/java >/dev/null 2>&1; then
    say "fetching Debian trixie arm64 with $jdk into $rootfs (first stage only: nothing runs yet)"
    mkdir -p "$work"
    if ! ls "$rootfs"/var/cache/apt/archives/*.deb >/dev/null 2>&1; then
        debootstrap --arch=arm64 --variant=minbase --foreign --include="$jdk" trixie "$rootfs" "$mirror" >&2
    fi
    # The second stage would run maintainer scripts inside a chroot (that needs binfmt_misc);
    # unpacking every downloaded package is all qemu-user needs to run java.
    for deb in "$rootfs"/var/cache/apt/archives/*.deb; do
        dpkg-deb -x "$deb" "$rootfs"
    done
fi
# Debian links the JDK's configuration (conf/security/java.security, ...) to /etc by absolute
# paths, which the kernel resolves on the host, not in the sysroot: point them into the sysroot.
find "$rootfs/usr/lib/jvm" -type l | while read -r link; do
    target=$(readlink "$link")
    case "$target" in
        "$rootfs"/*) ;;
        /*) ln -sfn "$rootfs$target" "$link" ;;
    esac
done
java=$(ls "$rootfs"/usr/lib/jvm/java-*-openjdk-arm64/bin/java | head -n 1)
say "java: ${java#"$rootfs"}"

dist=$work/dist
rm -rf "$dist" && mkdir -p "$dist"
tar -xzf "$tarball" -C "$dist"
home=$(ls -d "$dist"/sim2pi-controller-*)

# Run the start script's own java selection and flags, with java as qemu-aarch64-static running the
# arm64 binary against the arm64 sysroot (a wrapper named java that the script finds via JAVA_HOME).
wrapper=$work/jvm
mkdir -p "$wrapper/bin"
cat > "$wrapper/bin/java" <<WRAP
#!/bin/sh
exec qemu-aarch64-static -L "$rootfs" "$java" "\$@"
WRAP
chmod +x "$wrapper/bin/java"

say "qemu says: $("$wrapper/bin/java" -version 2>&1 | head -n 1); running the balancer for 10 s"
start=$(date +%s)
JAVA_HOME=$wrapper SIM2PI_HEAP=${SIM2PI_HEAP:-256m} \
    "$home/bin/sim2pi-controller" run --hardware sim --bundle "$repo/models/policies/balancer" --duration 10 --allow-unsigned --arm
end=$(date +%s)
say "completed on linux-aarch64 (qemu-user, $jdk from trixie) in $((end - start)) s wall time"
