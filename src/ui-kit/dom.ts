/** A small element builder for the screens rendered from TypeScript (no framework). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { className?: string; text?: string; testid?: string; title?: string } = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (props.className) e.className = props.className;
  if (props.text !== undefined) e.textContent = props.text;
  if (props.testid) e.dataset['testid'] = props.testid;
  if (props.title) e.title = props.title;
  e.append(...children);
  return e;
}
