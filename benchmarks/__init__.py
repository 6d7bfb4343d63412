"""copkit benchmarks: a synthetic organisation generator and timed whole-process runs."""
