# Sourced by the benchmarks beside it, with $root set to the repository: the program they time, in the array `sweep`.
# SWEEP_BIN picks an installed program, such as ~/.local/share/sweep/sweep (README, "Install sweep"); by default,
# dotnet build's.
if [ -n "${SWEEP_BIN:-}" ]; then
  sweep=("$SWEEP_BIN")
else
  dotnet build "$root/src/Sweep.Cli" -c Release -v q -nologo >/dev/null
  sweep=("dotnet" "$root/src/Sweep.Cli/bin/Release/net10.0/sweep.dll")
fi
