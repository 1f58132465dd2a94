export default function Aftersales() {
  return null;
}
