import Foundation

/// How much of a screenshot is not white, measured by python3's zlib (Foundation on Linux has
/// no PNG decoder). Nil when python3 or the file is missing.
public enum PNGInk {
  static let script = """
    import struct, sys, zlib
    data = open(sys.argv[1], 'rb').read()
    pos, idat, (w, h, depth, ctype) = 8, b'', (0, 0, 0, 0)
    while pos < len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b'IHDR': w, h, depth, ctype = struct.unpack('>IIBB', body[:10])
        if kind == b'IDAT': idat += body
        pos += 12 + n
    bpp = {2: 3, 6: 4, 0: 1, 4: 2}[ctype]
    raw, stride, prev, ink = zlib.decompress(idat), w * bpp, bytearray(w * bpp), 0
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            p = a + b - c
            pr = a if abs(p - a) <= abs(p - b) and abs(p - a) <= abs(p - c) else b if abs(p - b) <= abs(p - c) else c
            line[i] = (line[i] + [0, a, b, (a + b) // 2, pr][f]) & 255
        ink += sum(1 for x in range(0, stride, bpp) if min(line[x:x + min(bpp, 3)]) < 200)
        prev = line
    print(ink / (w * h))
    """

  public static func inkFraction(path: String) -> Double? {
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", "-c", script, path]
    let pipe = Pipe()
    p.standardOutput = pipe
    guard (try? p.run()) != nil else { return nil }
    let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    return Double(out.trimmingCharacters(in: .whitespacesAndNewlines))
  }
}
