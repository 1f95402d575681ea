type Props = {
  name: string;
  label: string;
  value: boolean;
  onChange: (value: boolean) => void;
};

/** Generic checkbox row used by every form of the shop. */
export function CheckboxFeld({ name, label, value, onChange }: Props) {
  return (
    <label className="checkbox-row">
      <input type="checkbox" name={name} checked={!!value} onChange={(e) => onChange(e.target.checked)} />
      <span>{label}</span>
    </label>
  );
}
