/** The "lost transmissions (k)" choice of the explorer and the matrix. */
export interface DropsSelectProps {
  id: string;
  value: number;
  onChange(value: number): void;
  testId: string;
}

export function DropsSelect({ id, value, onChange, testId }: DropsSelectProps) {
  return (
    <>
      <label htmlFor={id}>Lost transmissions (k)</label>
      <select id={id} value={value} onChange={(e) => onChange(Number(e.target.value))} data-testid={testId}>
        {[1, 2, 3].map((n) => (
          <option key={n} value={n}>
            up to {n}
          </option>
        ))}
      </select>
    </>
  );
}
