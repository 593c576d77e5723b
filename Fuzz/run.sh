#!/usr/bin/env bash
# Builds the libFuzzer targets with the address sanitizer and runs each for a number of inputs.
#
#   Fuzz/run.sh [runs] [target ...]     runs: default 1000000; targets: day amount csv (all)
#
# Each target is one Swift file in Fuzz/Targets compiled together with the ClientBaseCore
# sources (so it can reach internal symbols). The corpus of each target lives in
# Fuzz/corpus-<target>/ (seeded here, grown by libFuzzer, not committed); binaries and crash
# reproducers go to Fuzz/out/. The script stops with a non-zero status at the first crash or
# failed property; rerun a reproducer with `Fuzz/out/fuzz-<target> Fuzz/out/<target>-crash-…`.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
runs="${1:-1000000}"
if [ $# -gt 0 ]; then shift; fi
if [ $# -gt 0 ]; then targets=("$@"); else targets=(day amount csv); fi
out="$here/out"
mkdir -p "$out"

mapfile -t sources < <(find "$root/Sources/ClientBaseCore" -name '*.swift' | sort)
features=(
  -enable-upcoming-feature ExistentialAny
  -enable-upcoming-feature MemberImportVisibility
  -enable-upcoming-feature InternalImportsByDefault
)

seed() {
  # seed <corpus> <name> <printf format>: writes one seed input.
  printf -- "$3" >"$1/seed-$2"
}

for target in "${targets[@]}"; do
  corpus="$here/corpus-$target"
  mkdir -p "$corpus"
  case "$target" in
  day)
    file=DayTarget.swift max_len=40
    seed "$corpus" leap '2024-02-29'
    seed "$corpus" not-leap '2023-02-29'
    seed "$corpus" expanded '+10000-01-01'
    seed "$corpus" negative '-00001-12-31'
    seed "$corpus" epoch '1970-01-01'
    seed "$corpus" garbage '20x4-1-1'
    ;;
  amount)
    file=AmountTarget.swift max_len=64
    seed "$corpus" plain '123.45'
    seed "$corpus" negative '-0.5'
    seed "$corpus" exponent '1.5e-3'
    seed "$corpus" tiny '4.9e-324'
    seed "$corpus" huge '1.7976931348623157e308'
    seed "$corpus" long '9007199254740993.000000000000001'
    seed "$corpus" hex '0x1p3'
    seed "$corpus" nan 'nan'
    ;;
  csv)
    file=CSVTarget.swift max_len=4096
    seed "$corpus" plain 'client_id,date,amount\nc1,2024-01-01,12.50\nc2,2024-01-02,-3\nc1,2024-01-05,7e2\n'
    seed "$corpus" quoted 'amount,"date",client_id,note\r\n"1,5",2024-01-01,"c ""1""","a\nb"\r\n2,2024-01-02,c2,\r\n'
    seed "$corpus" bom '\xef\xbb\xbfclient_id,date,amount\n\nc1,+10000-01-01,1\n\r\nc1,2024-01-02,2'
    seed "$corpus" unicode 'client_id,date,amount\nK,2024-01-01,1\n\xe2\x84\xaa,2024-01-02,2\n\xc3\xa9,2024-01-03,3\ne\xcc\x81,2024-01-04,4\n'
    seed "$corpus" errors 'client_id,date,amount\nc1,2024-02-30,1\nc2,2024-01-01,nan\n"c3"x,2024-01-01,1\n'
    seed "$corpus" short 'x,client_id,y,date,amount\n1,c1,2,2024-01-01\n'
    ;;
  *)
    echo "unknown target '$target' (expected day, amount or csv)" >&2
    exit 2
    ;;
  esac

  binary="$out/fuzz-$target"
  echo "== building $target"
  swiftc -sanitize=fuzzer,address -parse-as-library -O -g -use-ld=lld -module-name ClientBaseFuzz -package-name ClientBase \
    "${features[@]}" "${sources[@]}" "$here/Targets/$file" -o "$binary"
  echo "== fuzzing $target for $runs runs"
  # libFuzzer reports crashes itself; the Swift runtime's backtracer would only slow that down.
  SWIFT_BACKTRACE=enable=no "$binary" -runs="$runs" -max_len="$max_len" -dict="$here/Dictionaries/$target.dict" \
    -artifact_prefix="$out/$target-" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
    "$corpus"
done
echo "== all targets ran $runs runs without a crash"
