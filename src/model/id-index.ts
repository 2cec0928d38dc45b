/**
 * Every id of a document with its first owner (a collection number and an index), for parseDocument's
 * duplicate and reference checks: open addressing over an FNV-1a hash of the id. On a 50,000-container
 * document it is a few times cheaper than a Map of strings, and it allocates nothing per entry.
 */
export class IdIndex {
  private readonly slots: Int32Array; // 1 + entry number; 0 is empty
  private readonly mask: number;
  private readonly ids: string[];
  private readonly kinds: Uint8Array;
  private readonly indexes: Float64Array;
  private size = 0;

  /** capacity: how many ids at most will be added. */
  constructor(capacity: number) {
    let slots = 16;
    while (slots < capacity * 2) slots *= 2;
    this.slots = new Int32Array(slots);
    this.mask = slots - 1;
    this.ids = new Array<string>(capacity);
    this.kinds = new Uint8Array(capacity);
    this.indexes = new Float64Array(capacity);
  }

  /** The entry number holding id, or the empty slot where it would go as -1 - slot. */
  private find(id: string): number {
    let h = 2166136261;
    for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = (this.slots[slot] as number) - 1;
      if (entry < 0) return -1 - slot;
      if (this.ids[entry] === id) return entry;
    }
  }

  /** Records id as owned by (kind, index) unless it is there already; returns the entry of its first owner, or -1 when this is it. */
  add(id: string, kind: number, index: number): number {
    const found = this.find(id);
    if (found >= 0) return found;
    const entry = this.size++;
    this.ids[entry] = id;
    this.kinds[entry] = kind;
    this.indexes[entry] = index;
    this.slots[-1 - found] = entry + 1;
    return -1;
  }

  /** The kind of id's first owner, or -1 for an id never added. */
  kindOf(id: string): number {
    const entry = this.find(id);
    return entry < 0 ? -1 : (this.kinds[entry] as number);
  }

  kindAt(entry: number): number {
    return this.kinds[entry] as number;
  }

  indexAt(entry: number): number {
    return this.indexes[entry] as number;
  }
}
