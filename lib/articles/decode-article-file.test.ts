import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { decodeArticleFile, MAX_ARTICLE_FILE_BYTES } from "@/lib/articles/decode-article-file";
import { isAppError } from "@/lib/errors";

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

describe("decodeArticleFile", () => {
  const accepted: { name: string; bytes: Uint8Array; expected: string }[] = [
    {
      name: "returns LF text unchanged",
      bytes: encode("= T =\nA\nB\n"),
      expected: "= T =\nA\nB\n",
    },
    { name: "turns CRLF into LF", bytes: encode("= T =\r\nA\r\n\r\nB"), expected: "= T =\nA\n\nB" },
    { name: "turns a lone CR into LF", bytes: encode("= T =\rA\rB"), expected: "= T =\nA\nB" },
    {
      name: "strips one leading byte-order mark",
      bytes: Uint8Array.from([0xef, 0xbb, 0xbf, ...encode("= T =\nA")]),
      expected: "= T =\nA",
    },
    {
      name: "keeps Pashto, en dashes, curly quotes and double spaces byte-exact",
      bytes: encode("= T =\nله ۱۹۸۹ څخه – “quoted”  twice\n"),
      expected: "= T =\nله ۱۹۸۹ څخه – “quoted”  twice\n",
    },
    {
      name: "keeps markup-looking text as it is",
      bytes: encode("= T =\n<hr> <script>alert(1)</script> * 20px"),
      expected: "= T =\n<hr> <script>alert(1)</script> * 20px",
    },
    {
      name: "keeps a byte-order mark that is not at the start",
      bytes: encode("= T =\nA\uFEFFB"),
      expected: "= T =\nA\uFEFFB",
    },
  ];
  for (const { name, bytes, expected } of accepted) {
    it(name, () => {
      assert.equal(decodeArticleFile(bytes), expected);
    });
  }

  it("accepts a file of exactly the size limit", () => {
    const bytes = new Uint8Array(10).fill(0x61);
    assert.equal(decodeArticleFile(bytes, { maxBytes: 10 }), "a".repeat(10));
  });

  const rejected: {
    name: string;
    bytes: Uint8Array;
    maxBytes?: number;
    code: string;
    message: string;
  }[] = [
    {
      name: "rejects an empty file",
      bytes: new Uint8Array(0),
      code: "INVALID_INPUT",
      message: "file is empty",
    },
    {
      name: "rejects a whitespace-only file",
      bytes: encode(" \n\t\r\n  "),
      code: "INVALID_INPUT",
      message: "file is empty",
    },
    {
      name: "rejects a file that is only a byte-order mark",
      bytes: Uint8Array.from([0xef, 0xbb, 0xbf]),
      code: "INVALID_INPUT",
      message: "file is empty",
    },
    {
      name: "rejects a file with a NUL byte",
      bytes: Uint8Array.from([...encode("= T =\n"), 0x00, ...encode("text")]),
      code: "INVALID_INPUT",
      message: "file is binary, not UTF-8 text",
    },
    {
      name: "rejects a truncated UTF-8 sequence",
      bytes: Uint8Array.from([...encode("= T =\n"), 0xc3, 0x28]),
      code: "INVALID_INPUT",
      message: "file is binary, not UTF-8 text",
    },
    {
      name: "rejects Latin-1 text",
      bytes: Uint8Array.from([...encode("= Caf"), 0xe9, ...encode(" =")]),
      code: "INVALID_INPUT",
      message: "file is binary, not UTF-8 text",
    },
    {
      name: "rejects an overlong encoding",
      bytes: Uint8Array.from([0xc0, 0xaf]),
      code: "INVALID_INPUT",
      message: "file is binary, not UTF-8 text",
    },
    {
      name: "rejects an encoded surrogate",
      bytes: Uint8Array.from([0xed, 0xa0, 0x80]),
      code: "INVALID_INPUT",
      message: "file is binary, not UTF-8 text",
    },
    {
      name: "rejects a file over 5 MB and says how big it is",
      bytes: new Uint8Array(Math.round(6.2 * 1024 * 1024)).fill(0x61),
      code: "PAYLOAD_TOO_LARGE",
      message: "file is 6.2 MB; the limit is 5 MB",
    },
    {
      name: "rejects a file one byte over the limit",
      bytes: new Uint8Array(MAX_ARTICLE_FILE_BYTES + 1).fill(0x61),
      code: "PAYLOAD_TOO_LARGE",
      message: "file is 5.1 MB; the limit is 5 MB",
    },
    {
      name: "rejects a file over a custom limit, in bytes",
      bytes: encode("= T =\nabcdef"),
      maxBytes: 10,
      code: "PAYLOAD_TOO_LARGE",
      message: "file is 12 bytes; the limit is 10 bytes",
    },
    {
      name: "checks the size before the content",
      bytes: new Uint8Array(2048),
      maxBytes: 1024,
      code: "PAYLOAD_TOO_LARGE",
      message: "file is 2 KB; the limit is 1 KB",
    },
  ];
  for (const { name, bytes, maxBytes, code, message } of rejected) {
    it(name, () => {
      assert.throws(
        () => decodeArticleFile(bytes, { maxBytes }),
        (error: unknown) => isAppError(error) && error.code === code && error.message === message,
      );
    });
  }
});
