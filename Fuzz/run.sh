#!/usr/bin/env bash
# Builds the libFuzzer targets with the address sanitizer and runs each for a number of inputs.
#
#   Fuzz/run.sh [runs] [target ...]     runs: default 1000000;
#                                       targets: day amount csv fit summary (all)
#
# Each target is one Swift file in Fuzz/Targets compiled together with the sources of the
# module it tests (so it can reach internal symbols) for day, amount and csv; fit and summary
# use the public API of ClientBaseCore and Retention, compiled first as modules of their own.
# FUZZ_SECONDS bounds each target's time and FUZZ_SEED fixes the seed (CI sets both). The
# corpus of each target lives in Fuzz/corpus-<target>/ (seeded here, grown by libFuzzer, not
# committed); binaries and crash reproducers go to Fuzz/out/. The script stops with a non-zero
# status at the first crash or failed property; rerun a reproducer with
# `Fuzz/out/fuzz-<target> Fuzz/out/<target>-crash-…`.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
runs="${1:-1000000}"
if [ $# -gt 0 ]; then shift; fi
if [ $# -gt 0 ]; then targets=("$@"); else targets=(day amount csv fit summary); fi
out="$here/out"
mkdir -p "$out"

mapfile -t sources < <(find "$root/Sources/ClientBaseCore" -name '*.swift' | sort)
mapfile -t retention < <(find "$root/Sources/Retention" -name '*.swift' | sort)
features=(
  -enable-upcoming-feature ExistentialAny
  -enable-upcoming-feature MemberImportVisibility
  -enable-upcoming-feature InternalImportsByDefault
)

# The fit and summary targets use ClientBaseCore and Retention through their public API: both
# are compiled once per run as modules of their own, instrumented like the targets.
modules="$out/modules"
modules_built=no
build_modules() {
  if [ "$modules_built" = yes ]; then return; fi
  mkdir -p "$modules"
  echo "== building ClientBaseCore and Retention"
  swiftc -sanitize=fuzzer,address -parse-as-library -O -g -wmo -module-name ClientBaseCore \
    -package-name ClientBase "${features[@]}" -emit-module \
    -emit-module-path "$modules/ClientBaseCore.swiftmodule" -c "${sources[@]}" \
    -o "$modules/ClientBaseCore.o"
  swiftc -sanitize=fuzzer,address -parse-as-library -O -g -wmo -module-name Retention \
    -package-name ClientBase "${features[@]}" -I "$modules" -emit-module \
    -emit-module-path "$modules/Retention.swiftmodule" -c "${retention[@]}" \
    -o "$modules/Retention.o"
  modules_built=yes
}

seed() {
  # seed <corpus> <name> <printf format>: writes one seed input.
  printf -- "$3" >"$1/seed-$2"
}

for target in "${targets[@]}"; do
  dictionary_name=
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
  fit)
    # Leading byte: which fits (bits 0-5: BG/NBD, MBG/NBD, Pareto/NBD, NBD, Gamma-Gamma, BG/BB;
    # none = all); then rows of five bytes (frequency, age, recency, weight, spend), each byte
    # below 16 (8 for weight and spend) picking an extreme value from the target's tables.
    file=FitTarget.swift max_len=81
    seed "$corpus" ordinary '\x00\x30\x80\x60\x09\x40\x20\x80\x10\x09\x50\x10\x70\x70\x09\x30\x10\x80\x60\x0a\x50\x11\x90\x60\x0b\x40\x12\x90\x50\x0c\x60'
    seed "$corpus" three-rows '\x01\x03\x08\x04\x09\x30\x02\x07\x06\x09\x30\x01\x07\x05\x09\x30'
    seed "$corpus" one-client '\x00\x03\x08\x04\x09\x30'
    seed "$corpus" large-x '\x00\x0f\x0a\x0f\x09\x30\x10\x0a\x30\x09\x30\x11\x0a\x40\x09\x30'
    seed "$corpus" heavy '\x00\x13\x0a\x80\x06\x30\x10\x0a\x30\x06\x30\x11\x0a\x40\x05\x30'
    ;;
  summary)
    file=SummaryTarget.swift max_len=2048 dictionary_name=csv
    seed "$corpus" plain 'client_id,frequency,recency,T,monetary_value\nc1,2,30.5,40,12.5\nc2,0,0,38,0\nc3,5,36,39,20\nc4,1,3,35,7\n'
    seed "$corpus" weighted 'frequency,recency,T,weight\n0,0,39,1000\n1,10,39,200\n2,30,39,50\n7,38,39,5\n'
    seed "$corpus" discrete 'frequency,recency,n_periods,weight\n0,0,6,3464\n1,1,6,1091\n6,6,6,1203\n3,5,6,350\n'
    seed "$corpus" errors '\xef\xbb\xbffrequency,recency,T,T\n1,2\n"3",4,5,6\n1e9,1,2\n'
    ;;
  *)
    echo "unknown target '$target' (expected day, amount, csv, fit or summary)" >&2
    exit 2
    ;;
  esac

  binary="$out/fuzz-$target"
  echo "== building $target"
  case "$target" in
  fit | summary)
    build_modules
    swiftc -sanitize=fuzzer,address -parse-as-library -O -g -use-ld=lld -module-name ClientBaseFuzz \
      "${features[@]}" -I "$modules" "$here/Targets/$file" "$here/Support/FitChecks.swift" \
      "$modules/ClientBaseCore.o" "$modules/Retention.o" -o "$binary"
    ;;
  *)
    swiftc -sanitize=fuzzer,address -parse-as-library -O -g -use-ld=lld -module-name ClientBaseFuzz \
      -package-name ClientBase "${features[@]}" "${sources[@]}" "$here/Targets/$file" -o "$binary"
    ;;
  esac
  echo "== fuzzing $target for $runs runs"
  # libFuzzer reports crashes itself; the Swift runtime's backtracer would only slow that down.
  # An input may take 10 s (30 s for the targets that fit models, whose slowest inputs run
  # every model to its iteration limit under the address sanitizer).
  case "$target" in fit | summary) timeout=30 ;; *) timeout=10 ;; esac
  limits=(-runs="$runs" -timeout="$timeout" -rss_limit_mb=4096)
  # FUZZ_SECONDS bounds each target's time as well as its runs (CI sets it).
  if [ -n "${FUZZ_SECONDS:-}" ]; then limits+=(-max_total_time="$FUZZ_SECONDS"); fi
  # FUZZ_SEED fixes libFuzzer's random seed (CI sets it, so a run is the same on every push).
  if [ -n "${FUZZ_SEED:-}" ]; then limits+=(-seed="$FUZZ_SEED"); fi
  dictionary=()
  if [ -f "$here/Dictionaries/${dictionary_name:-$target}.dict" ]; then
    dictionary=(-dict="$here/Dictionaries/${dictionary_name:-$target}.dict")
  fi
  SWIFT_BACKTRACE=enable=no "$binary" "${limits[@]}" -max_len="$max_len" "${dictionary[@]}" \
    -artifact_prefix="$out/$target-" -print_final_stats=1 "$corpus"
done
echo "== every target ran (at most $runs runs${FUZZ_SECONDS:+ or $FUZZ_SECONDS s} each) without a crash"
