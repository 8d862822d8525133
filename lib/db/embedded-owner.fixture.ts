/**
 * Test fixture: a separate process that owns an embedded database until its stdin closes, the way
 * a running server does. Prints `READY <url>` once it serves. Used by embedded.test.ts and the
 * importer's CLI tests.
 */
import { openEmbeddedDatabase } from "./embedded";

const dataDir = process.argv[2];
if (!dataDir) {
  throw new Error("usage: embedded-owner.fixture.ts <dataDir>");
}
const database = await openEmbeddedDatabase(dataDir);
console.log(`READY ${database.url}`);
process.stdin.resume();
process.stdin.on("end", () => {
  void database.close().then(() => process.exit(0));
});
