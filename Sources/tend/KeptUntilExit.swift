#if canImport(Glibc)
  import Glibc
#endif

/// Values a one-shot command holds to its end and never frees: the process ends right after the
/// output, and freeing a recognizer's and a catalog's thousands of words and tables one by one
/// just before exit was a tenth of a `check --text` run. Only when `main` says the process runs
/// that one command (`tend check …`): a command typed at the conversation's prompt goes through
/// the same code and must free what it made.
enum KeptUntilExit {
  nonisolated(unsafe) static var enabled = false
  nonisolated(unsafe) private static var kept: [Any] = []

  static func keep(_ value: Any) {
    if enabled { kept.append(value) }
  }
}

/// How the C allocator hands memory back (glibc). By default a freed block over 128 KB goes back
/// to the kernel at once, and the next one is fresh pages the kernel must zero and fault in one
/// by one: a start reads the catalog record, then the vocabulary, then 1.5 MB of word lists, each
/// into new memory, and an export's 64 KB pieces went the same way (page faults were 9% of a
/// 10k-line FHIR export, 5% of `check --text`). Freed memory is now kept for reuse up to 256 MB
/// and large blocks come from the heap. Nothing is kept past the largest the process ever
/// held at once; the values and results are the same.
enum ProcessMemory {
  static func keepFreedMemory() {
    #if canImport(Glibc)
      // `mallopt` is declared in <malloc.h>, which the Glibc module leaves out: looked up by
      // name, called with C's convention. Not there (another C library): nothing changes.
      typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
      guard let symbol = dlsym(nil, "mallopt") else { return }
      let mallopt = unsafeBitCast(symbol, to: MallOpt.self)
      _ = mallopt(-3, 32 << 20)  // M_MMAP_THRESHOLD: blocks up to 32 MB from the heap
      _ = mallopt(-1, 256 << 20)  // M_TRIM_THRESHOLD: keep up to 256 MB of freed heap
    #endif
  }
}
