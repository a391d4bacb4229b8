#!/usr/bin/env bash
# Builds the two deployable zips of LambdaFunctionOverHttps into artifacts/:
#   lambda-aot.zip      custom runtime provided.al2023, x86_64: a Native AOT executable named bootstrap
#   lambda-managed.zip  managed runtime dotnet10, handler
#                       LambdaFunctionOverHttps::LambdaFunctionOverHttps.Function::FunctionHandler
# Needs the .NET 10 SDK, clang (the Native AOT linker) and zip. Run from anywhere.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$root/LambdaFunctionOverHttps/LambdaFunctionOverHttps.csproj"
artifacts="$root/artifacts"
publish="$artifacts/publish"

for tool in dotnet clang zip objdump; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "package.sh: '$tool' is required but not installed (Debian/Ubuntu: apt-get install clang zip)." >&2
    exit 2
  fi
done

rm -rf "$publish" "$artifacts/lambda-aot.zip" "$artifacts/lambda-managed.zip"
mkdir -p "$publish"

echo "==> Native AOT bootstrap (linux-x64, provided.al2023)"
dotnet publish "$project" -c Release -r linux-x64 -p:PublishAot=true -o "$publish/aot" --nologo -v quiet
mv "$publish/aot/LambdaFunctionOverHttps" "$publish/aot/bootstrap"
chmod 755 "$publish/aot/bootstrap"
# provided.al2023 has glibc 2.34: a binary that needs newer symbols would not start there.
newest_glibc="$(objdump -T "$publish/aot/bootstrap" | grep -o 'GLIBC_[0-9.]*' | sort -Vu | tail -n 1)"
if [ "$(printf '%s\nGLIBC_2.34\n' "$newest_glibc" | sort -V | tail -n 1)" != "GLIBC_2.34" ]; then
  echo "package.sh: bootstrap needs $newest_glibc, but provided.al2023 has GLIBC_2.34." >&2
  exit 1
fi
# zip keeps the executable bit, which Lambda needs to start bootstrap; the .dbg symbols stay out.
(cd "$publish/aot" && zip -q -X "$artifacts/lambda-aot.zip" bootstrap)

echo "==> Framework-dependent assembly (dotnet10 managed runtime)"
dotnet publish "$project" -c Release -p:PublishAot=false -p:UseAppHost=false -o "$publish/managed" --nologo -v quiet
(cd "$publish/managed" && zip -q -X -r "$artifacts/lambda-managed.zip" . -x '*.pdb')

for zipfile in "$artifacts/lambda-aot.zip" "$artifacts/lambda-managed.zip"; do
  printf '%s\t%s bytes\n' "${zipfile#"$root"/}" "$(stat -c %s "$zipfile")"
done
