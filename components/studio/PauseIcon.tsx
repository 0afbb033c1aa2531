/**
 * A pause sign drawn as two bars: the studio's fonts (DejaVu, Noto CJK on Debian) have no glyph for
 * U+23F8, which Chromium drew as an empty box.
 */
export function PauseIcon({ size = 12 }: { size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 12 12"
      aria-hidden="true"
      focusable="false"
      data-icon="pause"
      style={{ verticalAlign: "-1px" }}
    >
      <rect x="2" y="1" width="3" height="10" rx="0.5" fill="currentColor" />
      <rect x="7" y="1" width="3" height="10" rx="0.5" fill="currentColor" />
    </svg>
  );
}
