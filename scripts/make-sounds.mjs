// Writes the wall's alert sounds into assets/sounds/ (no downloads): `node scripts/make-sounds.mjs`.
// p1.wav: a two-tone chime (880 Hz then 660 Hz, soft attack and decay), 0.7 s, 22.05 kHz, 16-bit mono PCM.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RATE = 22_050;

/** One tone's samples in [-1, 1]: a sine with its first harmonic, a 10 ms attack and an exponential decay. */
function tone(freq, seconds, gain) {
  const n = Math.round(RATE * seconds);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = i / RATE;
    const attack = Math.min(1, t / 0.01);
    const decay = Math.exp(-4 * t);
    const wave = Math.sin(2 * Math.PI * freq * t) + 0.3 * Math.sin(4 * Math.PI * freq * t);
    out[i] = (gain * attack * decay * wave) / 1.3;
  }
  return out;
}

/** PCM samples as a RIFF/WAVE file (format 1, mono, 16-bit). */
function wav(samples) {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, s)) * 32_767), i * 2));
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

const chime = [...tone(880, 0.3, 0.8), ...tone(660, 0.4, 0.8)];
const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets', 'sounds', 'p1.wav');
await mkdir(dirname(file), { recursive: true });
await writeFile(file, wav(chime));
process.stdout.write(`wrote ${file}\n`);
