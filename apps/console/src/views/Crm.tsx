export default function Crm() {
  return null;
}
