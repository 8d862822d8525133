/**
 * The client address behind throttling: only what our own server (and operator-declared proxies)
 * appended to X-Forwarded-For counts, never what the client wrote; and a real HTTP server with the
 * appender installed turns a forged header into the socket's address.
 */
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, it } from "node:test";

import {
  appendPeerAddress,
  clientIpFromHeaders,
  installForwardedForAppender,
  readTrustedProxyCount,
} from "./client-ip";

describe("clientIpFromHeaders", () => {
  const cases: [name: string, forwardedFor: string | undefined, proxies: number, ip: string][] = [
    ["takes the address our server appended", "127.0.0.1", 0, "127.0.0.1"],
    ["ignores what the client wrote left of it", "6.6.6.6, 10.0.0.7", 0, "10.0.0.7"],
    ["ignores a whole forged chain", "1.1.1.1, 2.2.2.2,3.3.3.3 , 10.0.0.7", 0, "10.0.0.7"],
    ["steps left once per trusted proxy", "6.6.6.6, 203.0.113.9, 10.0.0.2", 1, "203.0.113.9"],
    ["trusts two proxies when told", "6.6.6.6, 203.0.113.9, 10.0.0.3, 10.0.0.2", 2, "203.0.113.9"],
    ["takes the leftmost entry when the chain is shorter", "10.0.0.2", 1, "10.0.0.2"],
    ["skips empty entries", "6.6.6.6, , 10.0.0.7, ", 0, "10.0.0.7"],
    ["unwraps an IPv4-mapped IPv6 peer", "6.6.6.6, ::ffff:192.0.2.4", 0, "192.0.2.4"],
    ["keeps a real IPv6 peer", "::1", 0, "::1"],
    ["says unknown without the header", undefined, 0, "unknown"],
    ["says unknown for a blank header", " , ", 0, "unknown"],
  ];
  for (const [name, forwardedFor, proxies, ip] of cases) {
    it(`${name}`, () => {
      const record: Record<string, string> =
        forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor };
      assert.equal(clientIpFromHeaders(record, proxies), ip);
      const headers = new Headers(record);
      assert.equal(clientIpFromHeaders(headers, proxies), ip);
    });
  }

  it("never trusts X-Real-IP, which the client can set too", () => {
    assert.equal(clientIpFromHeaders({ "x-real-ip": "6.6.6.6" }, 0), "unknown");
  });

  it("cuts an overlong entry so that throttle keys stay small", () => {
    assert.equal(clientIpFromHeaders({ "x-forwarded-for": "a".repeat(500) }, 0).length, 64);
  });
});

describe("readTrustedProxyCount", () => {
  it("is 0 when unset or blank, else the number", () => {
    assert.equal(readTrustedProxyCount({}), 0);
    assert.equal(readTrustedProxyCount({ TRUSTED_PROXY_COUNT: " " }), 0);
    assert.equal(readTrustedProxyCount({ TRUSTED_PROXY_COUNT: "2" }), 2);
  });

  for (const value of ["-1", "one", "1.5", "100"]) {
    it(`refuses ${JSON.stringify(value)} with a readable message`, () => {
      assert.throws(
        () => readTrustedProxyCount({ TRUSTED_PROXY_COUNT: value }),
        /TRUSTED_PROXY_COUNT must be a whole number/,
      );
    });
  }
});

describe("appendPeerAddress", () => {
  it("appends the peer to what was there, like a reverse proxy", () => {
    assert.equal(appendPeerAddress(undefined, "10.0.0.1"), "10.0.0.1");
    assert.equal(appendPeerAddress("6.6.6.6", "10.0.0.1"), "6.6.6.6, 10.0.0.1");
    assert.equal(
      appendPeerAddress(["6.6.6.6", "7.7.7.7"], "10.0.0.1"),
      "6.6.6.6, 7.7.7.7, 10.0.0.1",
    );
    assert.equal(appendPeerAddress("6.6.6.6", undefined), "6.6.6.6, unknown");
  });
});

describe("installForwardedForAppender", () => {
  it("makes a real server see the socket's address however the client forges the header", async () => {
    installForwardedForAppender();
    installForwardedForAppender(); // twice (a development reload) must not append twice
    const seen: string[] = [];
    const server = http.createServer((request, response) => {
      seen.push(clientIpFromHeaders(request.headers, 0));
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      for (const forged of [undefined, "6.6.6.6", "6.6.6.6, 7.7.7.7"]) {
        const response = await fetch(`http://127.0.0.1:${port}/`, {
          headers: forged ? { "x-forwarded-for": forged } : {},
        });
        await response.arrayBuffer();
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    assert.deepEqual(seen, ["127.0.0.1", "127.0.0.1", "127.0.0.1"]);
  });
});
