import { createTestDatabase } from "./seed/test-database";
const db = await createTestDatabase("apparatus_reader_empty");
console.log(db.url);
process.on("SIGTERM", () => { void db.drop().finally(() => process.exit(0)); });
setInterval(() => undefined, 1 << 30);
