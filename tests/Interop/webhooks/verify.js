// Shield's webhooks received on loopback and checked with the standardwebhooks npm package (1.1.1, pinned in
// package-lock.json), which nobody on the Shield team wrote: a wrong signing string fails here.
//
// Against a running Shield (SHIELD_URL, SHIELD_API_KEY; Development, so http to loopback is allowed), it:
//   1. starts a receiver on 127.0.0.1 and registers it (POST /api/v1/webhook-endpoints), keeping the secret;
//   2. makes a payment and waits for its payment.created and payment.completed events: each must verify;
//   3. rotates the secret and makes another payment: during the grace period every delivery must verify with the
//      new secret and with the old one (two signatures in one header, as the specification allows);
//   4. a tampered body, another secret and an old timestamp must each fail verification.
// Prints one line per check and exits non-zero on any failure.
"use strict";
const http = require("node:http");
const { Webhook } = require("standardwebhooks");

const shield = new URL(process.env.SHIELD_URL);
if (!["127.0.0.1", "localhost", "[::1]"].includes(shield.hostname)) {
  throw new Error(`refusing a non-loopback Shield: ${shield.hostname}`);
}
const apiKey = process.env.SHIELD_API_KEY;
const received = [];
let failures = 0;

function check(name, ok, detail) {
  console.log(`  webhooks: ${ok ? "ok  " : "FAIL"} ${name}${detail ? `: ${detail}` : ""}`);
  if (!ok) failures++;
}

async function api(method, path, body) {
  const response = await fetch(new URL(path, shield), {
    method,
    headers: { "X-Api-Key": apiKey, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text.length ? JSON.parse(text) : null;
}

async function waitFor(predicate, what, seconds = 30) {
  for (let i = 0; i < seconds * 10; i++) {
    if (predicate()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what} (received ${received.length})`);
}

function verifies(secret, delivery) {
  try {
    new Webhook(secret).verify(delivery.body, delivery.headers);
    return true;
  } catch {
    return false;
  }
}

let next = Math.floor(Math.random() * 9000);
async function pay() {
  next = (next + 1) % 10000;
  // 07NNNN4149: the simulator's "the customer pays" scenario.
  return api("POST", "/api/v1/payments", { phoneNumber: `07${String(next).padStart(4, "0")}4149`, amount: 10, accountReference: "NPM-1" });
}

async function main() {
  const server = http.createServer((request, response) => {
    const chunks = [];
    request.on("data", (c) => chunks.push(c));
    request.on("end", () => {
      received.push({
        body: Buffer.concat(chunks).toString("utf8"),
        headers: {
          "webhook-id": request.headers["webhook-id"],
          "webhook-timestamp": request.headers["webhook-timestamp"],
          "webhook-signature": request.headers["webhook-signature"],
        },
      });
      response.writeHead(200).end();
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${server.address().port}/hook`;

  try {
    const endpoint = await api("POST", "/api/v1/webhook-endpoints", { url, description: "npm standardwebhooks" });
    const first = endpoint.secret;
    check("registered, secret shown once", /^whsec_[A-Za-z0-9+/]{43}=$/.test(first));

    const payment = await pay();
    await waitFor(() => received.filter((d) => JSON.parse(d.body).data.id === payment.id).length >= 2, "the first payment's two events");
    const mine = received.filter((d) => JSON.parse(d.body).data.id === payment.id);
    check("payment.created then payment.completed", mine.map((d) => JSON.parse(d.body).type).join(",") === "payment.created,payment.completed",
      mine.map((d) => JSON.parse(d.body).type).join(","));
    for (const delivery of mine) {
      check(`${JSON.parse(delivery.body).type} verifies with the endpoint's secret`, verifies(first, delivery));
      check(`${JSON.parse(delivery.body).type}: webhook-id is the event id`, delivery.headers["webhook-id"] === JSON.parse(delivery.body).id);
    }

    const rotated = await api("POST", `/api/v1/webhook-endpoints/${endpoint.id}/rotate-secret`);
    const second = rotated.secret;
    check("rotation gives a new secret", second !== first && second.startsWith("whsec_"));
    const next = await pay();
    await waitFor(() => received.some((d) => JSON.parse(d.body).data.id === next.id), "a delivery after the rotation");
    const during = received.find((d) => JSON.parse(d.body).data.id === next.id);
    check("during the grace period: two signatures", during.headers["webhook-signature"].split(" ").length === 2, during.headers["webhook-signature"]);
    check("during the grace period: verifies with the new secret", verifies(second, during));
    check("during the grace period: verifies with the old secret", verifies(first, during));

    const tampered = { ...mine[1], body: mine[1].body.replace('"Completed"', '"Failed"') };
    check("a tampered body fails", !verifies(first, tampered));
    check("another secret fails", !verifies("whsec_" + Buffer.alloc(32, 7).toString("base64"), mine[1]));
    // Correctly signed, but an hour old (a replayed delivery): refused by the receiver's clock check.
    const hourAgo = new Date(Date.now() - 3600 * 1000);
    const replayed = { ...mine[1], headers: { ...mine[1].headers, "webhook-timestamp": String(Math.floor(hourAgo.getTime() / 1000)),
      "webhook-signature": new Webhook(first).sign(mine[1].headers["webhook-id"], hourAgo, mine[1].body) } };
    check("a correctly signed delivery an hour old fails", !verifies(first, replayed));
    check("the same signature made now verifies", verifies(first, { ...replayed, headers: { ...replayed.headers,
      "webhook-timestamp": mine[1].headers["webhook-timestamp"], "webhook-signature": mine[1].headers["webhook-signature"] } }));
  } finally {
    server.close();
  }
}

main().then(
  () => process.exit(failures === 0 ? 0 : 1),
  (error) => {
    console.log(`  webhooks: FAIL ${error.message}`);
    process.exit(1);
  },
);
