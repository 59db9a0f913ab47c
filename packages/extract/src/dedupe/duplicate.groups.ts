// Union-find over document slots, with what a group must answer cheaply: its earliest member and
// its member list. Members form a circular list per group, so two groups join in constant time.

export interface GroupForest {
  add(): number;
  find(slot: number): number;
  /** Joins the groups of `a` and `b`; returns the surviving root, or -1 when already joined. */
  union(a: number, b: number): number;
  size(root: number): number;
  earliest(root: number): number;
  /** The members of the group of `slot`, in list order. */
  members(slot: number): number[];
}

/** `before(a, b)`: whether slot a appeared before slot b (a strict total order). */
export function createGroupForest(before: (a: number, b: number) => boolean): GroupForest {
  let parent = new Int32Array(1024);
  let sizes = new Int32Array(1024);
  let earliestOf = new Int32Array(1024);
  let next = new Int32Array(1024);
  let count = 0;

  const grow = (array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
    const bigger = new Int32Array(array.length * 2);
    bigger.set(array);
    return bigger;
  };

  const find = (slot: number): number => {
    let root = slot;
    while (parent[root] !== root) root = parent[root]!;
    // Path halving keeps later finds short.
    let current = slot;
    while (parent[current] !== root) {
      const up = parent[current]!;
      parent[current] = root;
      current = up;
    }
    return root;
  };

  return {
    add() {
      if (count === parent.length) {
        parent = grow(parent);
        sizes = grow(sizes);
        earliestOf = grow(earliestOf);
        next = grow(next);
      }
      parent[count] = count;
      sizes[count] = 1;
      earliestOf[count] = count;
      next[count] = count;
      return count++;
    },
    find,
    union(a, b) {
      let ra = find(a);
      let rb = find(b);
      if (ra === rb) return -1;
      if (sizes[ra]! < sizes[rb]!) [ra, rb] = [rb, ra];
      parent[rb] = ra;
      sizes[ra] = sizes[ra]! + sizes[rb]!;
      if (before(earliestOf[rb]!, earliestOf[ra]!)) earliestOf[ra] = earliestOf[rb]!;
      // Splice the two circular member lists.
      const after = next[ra]!;
      next[ra] = next[rb]!;
      next[rb] = after;
      return ra;
    },
    size(root) {
      return sizes[root]!;
    },
    earliest(root) {
      return earliestOf[root]!;
    },
    members(slot) {
      const list = [slot];
      for (let member = next[slot]!; member !== slot; member = next[member]!) list.push(member);
      return list;
    },
  };
}
