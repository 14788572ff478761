// Label colours as a style sheet (the CSP forbids inline styles): one class
// per label name, the colour checked to be six hex digits.
import type { LabelRef } from "../backup/record-parts.js";
import { esc } from "./html.js";

export class LabelStyles {
  private readonly classes = new Map<string, { cls: string; color: string }>();

  /** The class of a label, registering it on first sight. */
  classFor(label: Pick<LabelRef, "name" | "color">): string {
    let entry = this.classes.get(label.name);
    if (!entry) {
      const color = /^[0-9a-fA-F]{6}$/.test(label.color) ? label.color.toLowerCase() : "ededed";
      entry = { cls: `lbl-${this.classes.size}`, color };
      this.classes.set(label.name, entry);
    }
    return entry.cls;
  }

  /** A label chip. */
  chip(label: Pick<LabelRef, "name" | "color" | "description">): string {
    const title = label.description ? ` title="${esc(label.description)}"` : "";
    return `<span class="label ${this.classFor(label)}"${title}>${esc(label.name)}</span>`;
  }

  css(): string {
    const rules: string[] = [];
    for (const { cls, color } of this.classes.values()) {
      const r = Number.parseInt(color.slice(0, 2), 16);
      const g = Number.parseInt(color.slice(2, 4), 16);
      const b = Number.parseInt(color.slice(4, 6), 16);
      const text = (r * 299 + g * 587 + b * 114) / 1000 > 140 ? "#1f2328" : "#ffffff";
      rules.push(`.${cls}{background:#${color};color:${text}}`);
    }
    return `${rules.join("\n")}\n`;
  }
}
