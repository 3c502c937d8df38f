// The header declares libFuzzer's driver; the symbol comes from the toolchain's libclang_rt.fuzzer.
