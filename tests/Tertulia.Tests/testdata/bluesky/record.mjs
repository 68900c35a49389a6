// Creates real activity on the local PDS and records the firehose frames it produces (length-prefixed binary).
import fs from 'node:fs';
const U = process.env.PDS, out = process.argv[2];
async function xrpc(method, body, jwt) {
  const r = await fetch(`${U}/xrpc/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(jwt ? { authorization: `Bearer ${jwt}` } : {}) }, body: JSON.stringify(body) });
  const j = await r.json(); if (!r.ok) throw new Error(method + ' ' + JSON.stringify(j)); return j;
}
const rnd = Math.random().toString(36).slice(2, 8);
const brand = await xrpc('com.atproto.server.createAccount', { handle: `panaderia${rnd}.test`, email: `b${rnd}@example.test`, password: 'brand-pass-123' });
const cust = await xrpc('com.atproto.server.createAccount', { handle: `lucia${rnd}.test`, email: `c${rnd}@example.test`, password: 'cust-pass-123' });
const enc = new TextEncoder();
function mentionPost(text, handle, did) {
  const at = text.indexOf('@' + handle); const byteStart = enc.encode(text.slice(0, at)).length; const byteEnd = byteStart + enc.encode('@' + handle).length;
  return { $type: 'app.bsky.feed.post', text, createdAt: new Date().toISOString(), langs: ['es'], facets: [{ index: { byteStart, byteEnd }, features: [{ $type: 'app.bsky.richtext.facet#mention', did }] }] };
}
const p1 = await xrpc('com.atproto.repo.createRecord', { repo: cust.did, collection: 'app.bsky.feed.post', record: mentionPost(`¡Qué roscón más rico! 🥐 Gracias @${brand.handle} por el de ayer`, brand.handle, brand.did) }, cust.accessJwt);
const r1 = await xrpc('com.atproto.repo.createRecord', { repo: brand.did, collection: 'app.bsky.feed.post', record: { ...mentionPost(`@${cust.handle} ¡Muchas gracias, Lucía!`, cust.handle, cust.did), reply: { root: { uri: p1.uri, cid: p1.cid }, parent: { uri: p1.uri, cid: p1.cid } } } }, brand.accessJwt);
await xrpc('com.atproto.repo.createRecord', { repo: cust.did, collection: 'app.bsky.feed.post', record: { $type: 'app.bsky.feed.post', text: 'Y el pan de masa madre también 👌', createdAt: new Date().toISOString(), langs: ['es'], reply: { root: { uri: p1.uri, cid: p1.cid }, parent: { uri: r1.uri, cid: r1.cid } } } }, cust.accessJwt);
await xrpc('com.atproto.repo.createRecord', { repo: cust.did, collection: 'app.bsky.feed.like', record: { $type: 'app.bsky.feed.like', subject: { uri: r1.uri, cid: r1.cid }, createdAt: new Date().toISOString() } }, cust.accessJwt);
await xrpc('com.atproto.repo.createRecord', { repo: cust.did, collection: 'app.bsky.feed.post', record: { $type: 'app.bsky.feed.post', text: 'Hoy llueve en Madrid, nada que ver con panaderías', createdAt: new Date().toISOString() } }, cust.accessJwt);
const gone = await xrpc('com.atproto.repo.createRecord', { repo: cust.did, collection: 'app.bsky.feed.post', record: { $type: 'app.bsky.feed.post', text: 'borrador', createdAt: new Date().toISOString() } }, cust.accessJwt);
await xrpc('com.atproto.repo.deleteRecord', { repo: cust.did, collection: 'app.bsky.feed.post', rkey: gone.uri.split('/').pop() }, cust.accessJwt);
// Listen from the start and stop after a quiet second.
const ws = new WebSocket(U.replace('http', 'ws') + '/xrpc/com.atproto.sync.subscribeRepos?cursor=0');
ws.binaryType = 'arraybuffer';
const chunks = []; let timer;
ws.onmessage = (m) => { const b = Buffer.from(m.data); const len = Buffer.alloc(4); len.writeUInt32BE(b.length); chunks.push(len, b); clearTimeout(timer); timer = setTimeout(() => ws.close(), 1500); };
ws.onclose = () => { fs.writeFileSync(out, Buffer.concat(chunks)); console.log(JSON.stringify({ frames: chunks.length / 2, brand: { did: brand.did, handle: brand.handle }, customer: { did: cust.did, handle: cust.handle }, post: p1.uri, reply: r1.uri })); };
timer = setTimeout(() => ws.close(), 3000);
