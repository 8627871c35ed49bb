import CZlib

/// Decompresses a gzip stream (RFC 1952) piece by piece as it is read, with the system
/// zlib. Concatenated members (`cat a.gz b.gz`, what `gzip` itself reads as one file) are
/// decompressed one after another.
/// (A class holding the `z_stream` on the heap: zlib's state points back at the stream, so it
/// must never move.)
final class GzipInflater {
  private let strm: UnsafeMutablePointer<z_stream>
  /// Whether the last member ended (its trailer was read) and no new one began.
  private(set) var atMemberEnd = false
  /// Compressed bytes consumed so far.
  private(set) var consumed = 0

  /// Starts a decompressor.
  /// - Throws: ``IngestError/corruptCompressed(path:reason:)`` when zlib cannot start.
  init(path: String) throws {
    strm = .allocate(capacity: 1)
    strm.initialize(to: z_stream())
    // windowBits 15 + 16: a gzip wrapper, 32 KiB window.
    let status = inflateInit2_(strm, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
    guard status == Z_OK else {
      strm.deallocate()
      throw IngestError.corruptCompressed(path: path, reason: "zlib did not start (\(status))")
    }
  }

  deinit {
    inflateEnd(strm)
    strm.deallocate()
  }

  /// Decompresses all of `input` (the next piece of the compressed stream), appending the
  /// output to `out`.
  /// - Throws: ``IngestError/corruptCompressed(path:reason:)`` for data that is not gzip.
  func feed(_ input: UnsafeBufferPointer<UInt8>, into out: ByteBuffer, path: String) throws {
    guard let start = input.baseAddress, input.count > 0 else { return }
    var offset = 0
    while offset < input.count {
      if atMemberEnd {
        // Another member follows; anything else (zero padding from tape-era tools) ends the data.
        guard input.count - offset >= 2, start[offset] == 0x1F, start[offset + 1] == 0x8B else {
          consumed += input.count - offset
          return
        }
        inflateReset(strm)
        atMemberEnd = false
      }
      // zlib's counters are 32-bit: feed at most 1 GiB at a time.
      let chunk = min(input.count - offset, 1 << 30)
      strm.pointee.next_in = UnsafeMutablePointer(mutating: start + offset)
      strm.pointee.avail_in = UInt32(chunk)
      while strm.pointee.avail_in > 0 && !atMemberEnd {
        let tail = out.tail(minimum: 1 << 18)
        let room = min(tail.count, 1 << 30)
        strm.pointee.next_out = tail.baseAddress
        strm.pointee.avail_out = UInt32(room)
        let status = inflate(strm, Z_NO_FLUSH)
        out.commit(room - Int(strm.pointee.avail_out))
        switch status {
        case Z_OK, Z_BUF_ERROR:
          continue
        case Z_STREAM_END:
          atMemberEnd = true
        case Z_DATA_ERROR:
          let message = strm.pointee.msg.map { String(cString: $0) } ?? "invalid data"
          throw IngestError.corruptCompressed(path: path, reason: "the gzip data is damaged (\(message))")
        case Z_MEM_ERROR:
          throw IngestError.corruptCompressed(path: path, reason: "zlib ran out of memory")
        default:
          throw IngestError.corruptCompressed(path: path, reason: "zlib error \(status)")
        }
      }
      let used = chunk - Int(strm.pointee.avail_in)
      offset += used
      consumed += used
    }
  }

  /// Checks that the stream ended where a member ends.
  /// - Throws: ``IngestError/corruptCompressed(path:reason:)`` for a truncated file.
  func finish(path: String) throws {
    guard atMemberEnd else {
      throw IngestError.corruptCompressed(
        path: path, reason: "the gzip data ends early (the file is cut off); compress it again or copy it whole")
    }
  }
}
