"""Peak memory of a command: ``[sys.executable, "-c", MEASURE, *command]`` runs the command and
prints its peak RSS (KB, of the command's whole process tree) on the last line of stderr, so each
measured build's memory is its own (used by the benchmarks)."""

MEASURE = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:]).returncode\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(code)\n"
)
