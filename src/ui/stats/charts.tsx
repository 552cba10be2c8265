/** Small SVG charts with labelled axes and units: grouped bars and lines. Presentation only. */

export interface BarGroup {
  label: string;
  values: { name: string; value: number; className: string }[];
}

const pct = (v: number) => `${(v * 100).toFixed(v < 0.1 && v > 0 ? 1 : 0)} %`;

/** Grouped bars of shares (0..1), e.g. once / lost / duplicated for QoS 0, 1 and 2. */
export function BarChart({ title, groups, yLabel }: { title: string; groups: BarGroup[]; yLabel: string }) {
  const width = 560;
  const height = 260;
  const left = 56;
  const bottom = 40;
  const plotH = height - bottom - 24;
  const groupW = (width - left - 10) / Math.max(1, groups.length);
  const series = groups[0]?.values.length ?? 1;
  const barW = Math.min(44, (groupW - 24) / series);
  const y = (v: number) => 24 + plotH * (1 - v);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
        {[0, 0.25, 0.5, 0.75, 1].map((v) => (
          <g key={v} className="chart-grid">
            <line x1={left} x2={width - 10} y1={y(v)} y2={y(v)} />
            <text x={left - 6} y={y(v) + 4} textAnchor="end">
              {pct(v)}
            </text>
          </g>
        ))}
        <text
          className="chart-axis"
          transform={`translate(14 ${24 + plotH / 2}) rotate(-90)`}
          textAnchor="middle"
        >
          {yLabel}
        </text>
        {groups.map((g, gi) => {
          const x0 = left + gi * groupW + (groupW - barW * series) / 2;
          return (
            <g key={g.label}>
              {g.values.map((v, vi) => (
                <g key={v.name}>
                  <rect
                    className={`chart-bar ${v.className}`}
                    x={x0 + vi * barW}
                    y={y(v.value)}
                    width={barW - 4}
                    height={plotH * v.value}
                  >
                    <title>{`${g.label}, ${v.name}: ${pct(v.value)}`}</title>
                  </rect>
                  {v.value > 0 && (
                    <text
                      className="chart-value"
                      x={x0 + vi * barW + (barW - 4) / 2}
                      y={y(v.value) - 4}
                      textAnchor="middle"
                    >
                      {pct(v.value)}
                    </text>
                  )}
                </g>
              ))}
              <text
                className="chart-axis"
                x={left + gi * groupW + groupW / 2}
                y={height - 14}
                textAnchor="middle"
              >
                {g.label}
              </text>
            </g>
          );
        })}
      </svg>
      <Legend items={groups[0]?.values ?? []} />
      <figcaption>{title}</figcaption>
    </figure>
  );
}

export interface Series {
  name: string;
  className: string;
  points: { x: number; y: number }[];
}

/** Lines of shares (0..max) against a probability, both in %. */
export function LineChart({
  title,
  series,
  xLabel,
  yLabel,
}: {
  title: string;
  series: Series[];
  xLabel: string;
  yLabel: string;
}) {
  const width = 560;
  const height = 280;
  const left = 56;
  const bottom = 44;
  const plotW = width - left - 16;
  const plotH = height - bottom - 20;
  const xs = series.flatMap((s) => s.points.map((p) => p.x));
  const ys = series.flatMap((s) => s.points.map((p) => p.y));
  const xMax = Math.max(0.01, ...xs);
  const yMax = Math.max(0.01, ...ys) * 1.1;
  const x = (v: number) => left + (plotW * v) / xMax;
  const y = (v: number) => 20 + plotH * (1 - v / yMax);
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
        {ticks.map((f) => (
          <g key={`y${f}`} className="chart-grid">
            <line x1={left} x2={width - 16} y1={y(f * yMax)} y2={y(f * yMax)} />
            <text x={left - 6} y={y(f * yMax) + 4} textAnchor="end">
              {pct(f * yMax)}
            </text>
          </g>
        ))}
        {ticks.map((f) => (
          <text
            key={`x${f}`}
            className="chart-grid"
            x={x(f * xMax)}
            y={height - bottom + 18}
            textAnchor="middle"
          >
            {pct(f * xMax)}
          </text>
        ))}
        <text className="chart-axis" x={left + plotW / 2} y={height - 8} textAnchor="middle">
          {xLabel}
        </text>
        <text
          className="chart-axis"
          transform={`translate(14 ${20 + plotH / 2}) rotate(-90)`}
          textAnchor="middle"
        >
          {yLabel}
        </text>
        {series.map((s) => (
          <g key={s.name} className={`chart-line ${s.className}`}>
            <polyline points={s.points.map((p) => `${x(p.x)},${y(p.y)}`).join(" ")} />
            {s.points.map((p) => (
              <circle key={p.x} cx={x(p.x)} cy={y(p.y)} r={3.5}>
                <title>{`${s.name} at ${pct(p.x)} loss: ${pct(p.y)}`}</title>
              </circle>
            ))}
          </g>
        ))}
      </svg>
      <Legend items={series} />
      <figcaption>{title}</figcaption>
    </figure>
  );
}

function Legend({ items }: { items: { name: string; className: string }[] }) {
  return (
    <ul className="chart-legend">
      {items.map((i) => (
        <li key={i.name}>
          <span className={`chart-swatch ${i.className}`} aria-hidden="true" /> {i.name}
        </li>
      ))}
    </ul>
  );
}
