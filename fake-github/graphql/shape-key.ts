// A key under which documents that validate alike share one validation
// result. Batches of `nN: issue(number: N) { ...F }` differ only in alias
// names and integer literals, and neither changes what validation decides
// beyond which of them are equal:
// - an Int literal in the 32-bit range is valid wherever any other one is
//   (Int/Float/ID and the SDL-built custom scalars accept any; String, enum
//   and Boolean positions accept none); the only other rule that reads the
//   value compares arguments of fields merged under one response name. So each
//   distinct such literal keys as its first-seen ordinal;
// - aliases only matter through which response names are equal, so each
//   distinct alias keys as its first-seen ordinal, provided no alias equals a
//   field name of the document (else there is no key and the document is
//   validated on its own).
// The key spells the whole AST out (locations aside) with delimiters no Name
// can contain, so two documents share a key only if they are equal after
// those two substitutions.
import { type ASTNode, type DocumentNode, Kind } from "graphql";

/** Int literals of at most 9 digits are always in GraphQL's 32-bit Int range. */
const smallInt = /^-?\d{1,9}$/;

class ShapeWriter {
  readonly parts: string[] = [];
  readonly aliases = new Map<string, number>();
  readonly ints = new Map<string, number>();
  readonly fieldNames = new Set<string>();
  /** Set when the document holds something this writer does not spell (no key then). */
  unknown = false;

  list(nodes: readonly ASTNode[] | undefined, open: string, close: string): void {
    this.parts.push(open);
    if (nodes) for (const node of nodes) this.node(node);
    this.parts.push(close);
  }

  node(node: ASTNode): void {
    const out = this.parts;
    switch (node.kind) {
      case Kind.OPERATION_DEFINITION:
        out.push("O", node.operation, "|", node.name?.value ?? "", "|");
        this.list(node.variableDefinitions, "(", ")");
        this.list(node.directives, "<", ">");
        this.node(node.selectionSet);
        return;
      case Kind.FRAGMENT_DEFINITION:
        if (node.variableDefinitions) {
          this.unknown = true;
          return;
        }
        out.push("F", node.name.value, "|", node.typeCondition.name.value);
        this.list(node.directives, "<", ">");
        this.node(node.selectionSet);
        return;
      case Kind.VARIABLE_DEFINITION:
        out.push("V");
        this.node(node.variable);
        this.node(node.type);
        if (node.defaultValue) {
          out.push("=");
          this.node(node.defaultValue);
        }
        this.list(node.directives, "<", ">");
        return;
      case Kind.SELECTION_SET:
        this.list(node.selections, "{", "}");
        return;
      case Kind.FIELD: {
        this.fieldNames.add(node.name.value);
        out.push("f");
        if (node.alias) out.push("#", ordinal(this.aliases, node.alias.value), ":");
        out.push(node.name.value);
        this.list(node.arguments, "(", ")");
        this.list(node.directives, "<", ">");
        if (node.selectionSet) this.node(node.selectionSet);
        else out.push(";");
        return;
      }
      case Kind.ARGUMENT:
        out.push(node.name.value, ":");
        this.node(node.value);
        out.push(",");
        return;
      case Kind.FRAGMENT_SPREAD:
        out.push("...", node.name.value);
        this.list(node.directives, "<", ">");
        return;
      case Kind.INLINE_FRAGMENT:
        out.push("...on", node.typeCondition?.name.value ?? "", "|");
        this.list(node.directives, "<", ">");
        this.node(node.selectionSet);
        return;
      case Kind.DIRECTIVE:
        out.push("@", node.name.value);
        this.list(node.arguments, "(", ")");
        return;
      case Kind.VARIABLE:
        out.push("$", node.name.value, ",");
        return;
      case Kind.INT:
        out.push("i", smallInt.test(node.value) ? `#${ordinal(this.ints, node.value)}` : node.value, ",");
        return;
      case Kind.FLOAT:
        out.push("d", node.value, ",");
        return;
      case Kind.STRING:
        out.push("s", JSON.stringify(node.value), ",");
        return;
      case Kind.BOOLEAN:
        out.push(node.value ? "T," : "F,");
        return;
      case Kind.NULL:
        out.push("N,");
        return;
      case Kind.ENUM:
        out.push("e", node.value, ",");
        return;
      case Kind.LIST:
        this.list(node.values, "[", "]");
        return;
      case Kind.OBJECT:
        this.list(node.fields, "{", "}");
        return;
      case Kind.OBJECT_FIELD:
        out.push(node.name.value, ":");
        this.node(node.value);
        return;
      case Kind.NAMED_TYPE:
        out.push("t", node.name.value, ",");
        return;
      case Kind.LIST_TYPE:
        out.push("[");
        this.node(node.type);
        out.push("]");
        return;
      case Kind.NON_NULL_TYPE:
        this.node(node.type);
        out.push("!");
        return;
      default:
        // Type-system definitions and the like: validation rejects them; no key.
        this.unknown = true;
    }
  }
}

/** The place of `value` among the distinct values seen so far. */
function ordinal(seen: Map<string, number>, value: string): string {
  let index = seen.get(value);
  if (index === undefined) {
    index = seen.size;
    seen.set(value, index);
  }
  return String(index);
}

/** The document's validation shape, or null when it cannot be keyed safely. */
export function validationShapeKey(document: DocumentNode): string | null {
  const writer = new ShapeWriter();
  for (const definition of document.definitions) {
    writer.node(definition);
    if (writer.unknown) return null;
  }
  for (const alias of writer.aliases.keys()) if (writer.fieldNames.has(alias)) return null;
  return writer.parts.join("");
}
