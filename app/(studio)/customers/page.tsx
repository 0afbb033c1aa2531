import { CustomersPage } from "../../../components/customers/CustomersPage";

export default async function Page({ searchParams }: { searchParams: Promise<{ id?: string }> }) {
  const { id } = await searchParams;
  return <CustomersPage {...(id ? { initialId: id } : {})} />;
}
