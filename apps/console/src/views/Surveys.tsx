export default function Surveys() {
  return null;
}
