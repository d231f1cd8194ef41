// Scan verification (校验) at the packing bench: a keyboard-wedge scanner types a code and
// Enter. Each scan is checked at once against what the parcel should hold; the server checks
// the whole again when the packer confirms.

// expected: [{sku, quantity}] → a tally {sku: {expected, scanned}}.
export function newTally(expected) {
  const tally = {};
  for (const line of expected) {
    const entry = tally[line.sku] || { expected: 0, scanned: 0 };
    entry.expected += line.quantity;
    tally[line.sku] = entry;
  }
  return tally;
}

// Records one scanned code; returns 'pass' (an expected item, not yet complete), 'unexpected'
// (not in this parcel) or 'surplus' (more than expected).
export function recordScan(tally, code) {
  const sku = String(code || '').trim();
  const entry = tally[sku];
  if (!entry) {
    return 'unexpected';
  }
  if (entry.scanned >= entry.expected) {
    return 'surplus';
  }
  entry.scanned += 1;
  return 'pass';
}

export function tallyComplete(tally) {
  return Object.values(tally).every((e) => e.scanned === e.expected);
}

export function tallyScans(tally) {
  return Object.entries(tally)
    .filter(([, e]) => e.scanned > 0)
    .map(([sku, e]) => ({ sku, quantity: e.scanned }));
}

// The body of POST /orders/{no}/pack for the boxes at the bench ([{box, weight_g}]): one box as
// weight_g (and box when a type is chosen), several as boxes, each with its own weight.
export function packBody(boxes) {
  const one = (b) => (b.box ? { box: b.box, weight_g: b.weight_g } : { weight_g: b.weight_g });
  return boxes.length === 1 ? one(boxes[0]) : { boxes: boxes.map(one) };
}

// A short tone: high for a pass, low and long for a failure (audible at a noisy bench).
let audio = null;
export function beep(ok) {
  try {
    audio = audio || new (window.AudioContext || window.webkitAudioContext)();
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.type = ok ? 'sine' : 'square';
    osc.frequency.value = ok ? 1320 : 220;
    gain.gain.value = 0.15;
    osc.connect(gain).connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + (ok ? 0.12 : 0.45));
  } catch {
    // No audio device: the banner still shows the outcome.
  }
}
