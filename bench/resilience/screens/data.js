// The records every screen lists: repeated rows whose buttons share their text
// (the decoys a finder must not confuse with the row an author picked).
export const PEOPLE = [
  ["Ada Lovelace", "ada@example.test", "Engineering", "Paid", 1240],
  ["Grace Hopper", "grace@example.test", "Operations", "Pending", 310],
  ["Alan Turing", "alan@example.test", "Research", "Paid", 98],
  ["Katherine Johnson", "katherine@example.test", "Finance", "Refunded", 455],
  ["Linus Torvalds", "linus@example.test", "Engineering", "Pending", 72],
  ["Margaret Hamilton", "margaret@example.test", "Operations", "Paid", 2210],
  ["Edsger Dijkstra", "edsger@example.test", "Research", "Paid", 640],
  ["Barbara Liskov", "barbara@example.test", "Finance", "Pending", 1500],
  ["Donald Knuth", "donald@example.test", "Research", "Refunded", 12],
  ["Frances Allen", "frances@example.test", "Engineering", "Paid", 880],
].map(([name, email, team, status, total], index) => ({
  id: 1001 + index, name, email, team, status, total,
}));

export const NAV = ["Dashboard", "Orders", "Customers", "Reports", "Settings"];
