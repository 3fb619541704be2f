//! Force-directed layout: Fruchterman–Reingold with a Barnes–Hut quadtree.
//!
//! Nodes repel each other (k²/d), edges pull their ends together (d²/k,
//! stronger for heavier edges), a weak gravity keeps components together,
//! and a temperature that cools every round caps how far a node moves.
//! Repulsion, the costly part, is approximated with a quadtree: a far cell
//! acts as one body at its centre of mass (θ = 0.9), so a round costs
//! O(n log n). Graphs over 10,000 nodes use a coarser angle and fewer
//! rounds. Forces are summed
//! per node in parallel but each node's sum is sequential, and initial
//! positions come from a hash of each node's IRI and the seed, so the same
//! graph gives the same picture in every run and on any thread count.

use rayon::prelude::*;

/// Layout parameters.
#[derive(Clone, Debug)]
pub struct LayoutOptions {
    /// Rounds (default: by graph size, 300 for small graphs down to 80).
    pub iterations: Option<usize>,
    /// Ideal edge length.
    pub k: f64,
    /// Barnes–Hut opening angle: larger is faster and coarser (default: by
    /// graph size, 0.9 up to 10,000 nodes, then 1.2).
    pub theta: Option<f64>,
    /// Pull towards the centre.
    pub gravity: f64,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions { iterations: None, k: 40.0, theta: None, gravity: 0.08 }
    }
}

/// FNV-1a of a string, for stable per-node seeds.
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e3779b97f4a7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
    z ^ (z >> 31)
}

fn unit(z: u64) -> f64 {
    (z >> 11) as f64 / (1u64 << 53) as f64
}

/// Positions for `seeds.len()` nodes joined by `edges` (source, target, weight).
pub fn force_directed(seeds: &[u64], edges: &[(usize, usize, f64)], opts: &LayoutOptions) -> Vec<(f64, f64)> {
    let n = seeds.len();
    if n == 0 {
        return Vec::new();
    }
    if n == 1 {
        return vec![(0.0, 0.0)];
    }
    let k = opts.k.max(1e-3);
    let r0 = k * (n as f64).sqrt();
    let mut pos: Vec<(f64, f64)> = seeds
        .iter()
        .map(|&s| {
            let a = splitmix(s);
            let b = splitmix(a);
            let r = r0 * unit(a).sqrt();
            let t = unit(b) * std::f64::consts::TAU;
            (r * t.cos(), r * t.sin())
        })
        .collect();
    let edges: Vec<(usize, usize, f64)> = edges
        .iter()
        .filter(|&&(s, t, _)| s < n && t < n && s != t)
        .map(|&(s, t, w)| (s, t, if w.is_finite() && w > 1.0 { 1.0 + w.ln() } else { 1.0 }))
        .collect();
    // Hubs repel more (as in ForceAtlas2), so that well-linked nodes do not
    // pile up in the middle: a node's mass grows with its degree.
    let mut mass = vec![1.0f64; n];
    for &(s, t, _) in &edges {
        mass[s] += 1.0;
        mass[t] += 1.0;
    }
    for m in &mut mass {
        *m = m.sqrt();
    }
    let iterations = opts.iterations.unwrap_or(match n {
        0..=500 => 300,
        501..=3000 => 200,
        3001..=10000 => 120,
        10001..=20000 => 60,
        _ => 45,
    });
    let theta = opts.theta.unwrap_or(if n <= 10_000 { 0.9 } else { 1.2 });
    let t0 = r0 * 0.2 + k;
    let t_min = k * 0.05;
    let mut disp = vec![(0.0f64, 0.0f64); n];
    for it in 0..iterations {
        let temp = t_min + (t0 - t_min) * (1.0 - it as f64 / iterations as f64).powi(2);
        let tree = QuadTree::build(&pos, &mass);
        let k2 = k * k;
        disp.par_iter_mut().enumerate().for_each_init(
            || Vec::with_capacity(128),
            |stack, (i, d)| {
            let (fx, fy) = tree.repulsion(i, pos[i], mass[i], k2, theta, stack);
            // Gravity, linear in the distance to the centre.
                *d = (fx - opts.gravity * pos[i].0, fy - opts.gravity * pos[i].1);
            },
        );
        for &(s, t, w) in &edges {
            let dx = pos[s].0 - pos[t].0;
            let dy = pos[s].1 - pos[t].1;
            let dist = (dx * dx + dy * dy).sqrt().max(1e-9);
            // |F| = d²/k, along the edge.
            let f = dist / k * w;
            disp[s].0 -= dx * f;
            disp[s].1 -= dy * f;
            disp[t].0 += dx * f;
            disp[t].1 += dy * f;
        }
        for (p, d) in pos.iter_mut().zip(&disp) {
            let len = (d.0 * d.0 + d.1 * d.1).sqrt();
            if len > 0.0 && len.is_finite() {
                let step = len.min(temp) / len;
                p.0 += d.0 * step;
                p.1 += d.1 * step;
            }
        }
    }
    // Isolated nodes feel only repulsion and drift far out: put them on a
    // grid just below the rest.
    let linked: Vec<bool> = mass.iter().map(|m| *m > 1.0).collect();
    if linked.iter().any(|l| *l) && linked.iter().any(|l| !*l) {
        let (mut x0, mut x1, mut y1) = (f64::MAX, f64::MIN, f64::MIN);
        for (p, _) in pos.iter().zip(&linked).filter(|(_, l)| **l) {
            x0 = x0.min(p.0);
            x1 = x1.max(p.0);
            y1 = y1.max(p.1);
        }
        let cols = (((x1 - x0) / k).floor() as usize).max(1);
        let mut j = 0usize;
        for (p, l) in pos.iter_mut().zip(&linked) {
            if !*l {
                *p = (x0 + (j % cols) as f64 * k, y1 + 2.0 * k + (j / cols) as f64 * k);
                j += 1;
            }
        }
    }
    // Centre on the origin.
    let (cx, cy) = pos.iter().fold((0.0, 0.0), |a, p| (a.0 + p.0, a.1 + p.1));
    let (cx, cy) = (cx / n as f64, cy / n as f64);
    pos.iter().map(|p| (p.0 - cx, p.1 - cy)).collect()
}

const NONE: u32 = u32::MAX;
const MAX_DEPTH: u32 = 48;

#[derive(Clone, Copy)]
struct Cell {
    cx: f64,
    cy: f64,
    half: f64,
    mass: f64,
    mx: f64,
    my: f64,
    /// Centre of mass (mx / mass, my / mass), once the tree is built.
    comx: f64,
    comy: f64,
    /// First child index (four consecutive cells), or NONE for a leaf.
    child: u32,
    /// The body of a leaf holding exactly one, else NONE.
    body: u32,
}

struct QuadTree {
    cells: Vec<Cell>,
}

impl QuadTree {
    fn build(pos: &[(f64, f64)], mass: &[f64]) -> QuadTree {
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for p in pos {
            x0 = x0.min(p.0);
            y0 = y0.min(p.1);
            x1 = x1.max(p.0);
            y1 = y1.max(p.1);
        }
        let half = ((x1 - x0).max(y1 - y0) / 2.0).max(1e-6) * 1.0001;
        let root = Cell { cx: (x0 + x1) / 2.0, cy: (y0 + y1) / 2.0, half, mass: 0.0, mx: 0.0, my: 0.0, comx: 0.0, comy: 0.0, child: NONE, body: NONE };
        let mut t = QuadTree { cells: Vec::with_capacity(pos.len() * 2 + 1) };
        t.cells.push(root);
        for (i, &p) in pos.iter().enumerate() {
            t.insert(i as u32, p, pos, mass);
        }
        for c in &mut t.cells {
            if c.mass != 0.0 {
                c.comx = c.mx / c.mass;
                c.comy = c.my / c.mass;
            }
        }
        t
    }

    fn quadrant(c: &Cell, p: (f64, f64)) -> u32 {
        (if p.0 >= c.cx { 1 } else { 0 }) + (if p.1 >= c.cy { 2 } else { 0 })
    }

    fn split(&mut self, ci: usize) {
        let c = self.cells[ci];
        let h = c.half / 2.0;
        let first = self.cells.len() as u32;
        for q in 0..4 {
            let cx = c.cx + if q & 1 == 1 { h } else { -h };
            let cy = c.cy + if q & 2 == 2 { h } else { -h };
            self.cells.push(Cell { cx, cy, half: h, mass: 0.0, mx: 0.0, my: 0.0, comx: 0.0, comy: 0.0, child: NONE, body: NONE });
        }
        self.cells[ci].child = first;
    }

    fn insert(&mut self, body: u32, p: (f64, f64), pos: &[(f64, f64)], mass: &[f64]) {
        let mut ci = 0usize;
        let mut depth = 0;
        let m = mass[body as usize];
        loop {
            let c = self.cells[ci];
            let was_empty = c.mass == 0.0;
            {
                let cm = &mut self.cells[ci];
                cm.mass += m;
                cm.mx += p.0 * m;
                cm.my += p.1 * m;
            }
            if c.child == NONE {
                if was_empty {
                    self.cells[ci].body = body;
                    return;
                }
                if depth >= MAX_DEPTH || c.body == NONE {
                    // Coincident bodies at the depth limit share the leaf.
                    self.cells[ci].body = NONE;
                    return;
                }
                // Push the resident body down one level, then continue.
                let other = c.body;
                self.split(ci);
                self.cells[ci].body = NONE;
                let op = pos[other as usize];
                let om = mass[other as usize];
                let q = Self::quadrant(&self.cells[ci], op);
                let oc = (self.cells[ci].child + q) as usize;
                let cell = &mut self.cells[oc];
                cell.mass = om;
                cell.mx = op.0 * om;
                cell.my = op.1 * om;
                cell.body = other;
            }
            let q = Self::quadrant(&self.cells[ci], p);
            ci = (self.cells[ci].child + q) as usize;
            depth += 1;
        }
    }

    /// The repulsive displacement on body `i` at `p`.
    fn repulsion(&self, i: usize, p: (f64, f64), m: f64, k2: f64, theta: f64, stack: &mut Vec<u32>) -> (f64, f64) {
        let (mut fx, mut fy) = (0.0, 0.0);
        stack.clear();
        stack.push(0);
        let theta2 = theta * theta;
        while let Some(ci) = stack.pop() {
            let c = &self.cells[ci as usize];
            if c.mass == 0.0 || c.body == i as u32 {
                continue;
            }
            let (mut mass, mut comx, mut comy) = (c.mass, c.comx, c.comy);
            let leaf = c.child == NONE;
            if leaf && c.body == NONE {
                // A shared leaf: leave this body out if it is inside.
                let inside = (p.0 - c.cx).abs() <= c.half && (p.1 - c.cy).abs() <= c.half;
                if inside {
                    mass -= m;
                    if mass <= 1e-9 {
                        continue;
                    }
                    comx = (c.mx - p.0 * m) / mass;
                    comy = (c.my - p.1 * m) / mass;
                }
            }
            let dx = p.0 - comx;
            let dy = p.1 - comy;
            let d2 = dx * dx + dy * dy;
            let size = 2.0 * c.half;
            if leaf || size * size < theta2 * d2 {
                if d2 < 1e-12 {
                    // Same spot: push apart in a direction fixed by the index.
                    let a = (i as f64) * 2.399963;
                    fx += a.cos() * k2.sqrt() * 0.1;
                    fy += a.sin() * k2.sqrt() * 0.1;
                } else {
                    let f = m * mass * k2 / d2;
                    fx += dx * f;
                    fy += dy * f;
                }
            } else {
                for q in 0..4 {
                    stack.push(c.child + q);
                }
            }
        }
        (fx, fy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dist(a: (f64, f64), b: (f64, f64)) -> f64 {
        ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
    }

    #[test]
    fn linked_nodes_end_closer_than_unlinked_ones() {
        // Two triangles joined by nothing: within a triangle, nodes are close.
        let seeds: Vec<u64> = (0..6).map(|i| hash_str(&format!("n{i}"))).collect();
        let edges = [(0, 1, 1.0), (1, 2, 1.0), (2, 0, 1.0), (3, 4, 1.0), (4, 5, 1.0), (5, 3, 1.0)];
        let pos = force_directed(&seeds, &edges, &LayoutOptions::default());
        let within = dist(pos[0], pos[1]).max(dist(pos[1], pos[2])).max(dist(pos[3], pos[4]));
        let across = dist(pos[0], pos[3]).min(dist(pos[1], pos[4])).min(dist(pos[2], pos[5]));
        assert!(within < across, "within {within} across {across}");
        assert!(pos.iter().all(|p| p.0.is_finite() && p.1.is_finite()));
    }

    #[test]
    fn deterministic_and_no_two_nodes_on_one_spot() {
        let seeds: Vec<u64> = (0..300).map(|i| hash_str(&format!("https://example.org/{i}"))).collect();
        let edges: Vec<(usize, usize, f64)> = (1..300).map(|i| (i, (i * 7) % i, 1.0 + (i % 3) as f64)).collect();
        let a = force_directed(&seeds, &edges, &LayoutOptions::default());
        let b = force_directed(&seeds, &edges, &LayoutOptions::default());
        assert_eq!(a, b);
        let mut min = f64::MAX;
        for i in 0..a.len() {
            for j in i + 1..a.len() {
                min = min.min(dist(a[i], a[j]));
            }
        }
        assert!(min > 0.5, "nodes overlap: {min}");
    }

    #[test]
    fn isolated_nodes_stay_near_the_graph() {
        let seeds: Vec<u64> = (0..40).map(|i| hash_str(&format!("m{i}"))).collect();
        let edges: Vec<(usize, usize, f64)> = (1..36).map(|i| (i, i / 3, 1.0)).collect();
        let pos = force_directed(&seeds, &edges, &LayoutOptions::default());
        let extent = |r: std::ops::Range<usize>| pos[r].iter().fold(0.0f64, |m, p| m.max(p.0.abs()).max(p.1.abs()));
        let core = extent(0..36);
        let all = extent(0..40);
        assert!(all < core * 2.0 + 200.0, "core {core}, all {all}");
        // The isolated ones sit below the linked ones, apart from each other.
        let lowest = pos[..36].iter().map(|p| p.1).fold(f64::MIN, f64::max);
        assert!(pos[36..].iter().all(|p| p.1 > lowest));
        assert!(dist(pos[36], pos[37]) > 1.0);
    }

    #[test]
    fn coincident_starts_and_tiny_graphs_do_not_break() {
        let pos = force_directed(&[7, 7, 7, 7], &[(0, 1, 1.0), (9, 0, 1.0)], &LayoutOptions::default());
        assert_eq!(pos.len(), 4);
        assert!(pos.iter().all(|p| p.0.is_finite() && p.1.is_finite()));
        assert!(dist(pos[2], pos[3]) > 1.0);
        assert_eq!(force_directed(&[1], &[], &LayoutOptions::default()), vec![(0.0, 0.0)]);
        assert!(force_directed(&[], &[], &LayoutOptions::default()).is_empty());
    }

    #[test]
    fn large_graphs_get_finite_distinct_positions() {
        let n = 12_000;
        let seeds: Vec<u64> = (0..n).map(|i| splitmix(i as u64)).collect();
        let edges: Vec<(usize, usize, f64)> = (1..n).flat_map(|i| [(i, (i * 31) % i, 1.0), (i, i / 2, 2.0)]).collect();
        let pos = force_directed(&seeds, &edges, &LayoutOptions { iterations: Some(5), ..Default::default() });
        assert_eq!(pos.len(), n);
        assert!(pos.iter().all(|p| p.0.is_finite() && p.1.is_finite()));
        let mut sorted: Vec<(u64, u64)> = pos.iter().map(|p| (p.0.to_bits(), p.1.to_bits())).collect();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), n, "two nodes on one spot");
    }
}
