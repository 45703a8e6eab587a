// Shared cases: each seed's example input, and an input with several violations per operation.
export const examples = {
  "accessbank.updateCustomerDetails": { requestId: "REQ-2025-002-67890", accountNo: "0702334455", email: "jane.doe@example.com", phoneNumber: "+2348012345678" },
  "juspay.updateCustomer": { customer_id: "cst_om2l6ctlptxwxuzj", email_address: "tim.david@example.com", first_name: "Tim", last_name: "David", mobile_number: "9876543210", mobile_country_code: "91" },
  "bvnk.updateCustomer": {
    customerReference: "8a0e1da2-2af3-4b9e-a221-e74db4e01b06", name: "Updated Company Name", description: "Updated description",
    address: { addressLine1: "Updated Address Line 1", addressLine2: "Updated Address Line 2", city: "Updated City", postalCode: "Updated Postal Code", countryCode: "US", country: "United States" },
  },
  "bvnk.updateCustomerStatus": { customerReference: "8a0e1da2-2af3-4b9e-a221-e74db4e01b06", status: "VERIFIED" },
  "bvnk.updateCustomerAssociates": {
    customerReference: "8a0e1da2-2af3-4b9e-a221-e74db4e01b06",
    associates: [{
      person: { firstName: "Updated First Name", lastName: "Updated Last Name", dateOfBirth: "2001-01-31",
        address: { addressLine1: "Updated Address Line 1", addressLine2: "Updated Address Line 2", city: "Updated City", postalCode: "Updated Postal Code", countryCode: "US", country: "United States" } },
      details: { birthCountryCode: "US", contactInfo: { emailAddress: "updated.email@example.com", phoneNumber: "+123456789" }, documentNumber: "123456789",
        documentInfo: { number: "123456789", type: "DRIVERS_LICENSE", issuingCountryCode: "US" }, taxIdentification: { number: "914764628", taxResidenceCountryCode: "US" } },
      title: "Updated Title", riskScore: "LOW", controls: { hasOwnership: true, hasControl: true, isSigner: false },
    }],
  },
  "gathr.updateCustomer": { customer_id: "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27", email: "chris2@gathr.com", first_name: "Chris" },
  "m2p.updateCustomer": {
    entityId: "615928984620006085281025", firstName: "Tim", lastName: "David", gender: "Male", dob: "10/10/1999", pan: "AJXPC9886A",
    cbsAccountNumber: "87001810807", cif: "87001810807", customerId: "87001810807",
    permanentAddress: { address1: "123 Main Street", address2: "Apt 4B", pin: "600100", city: "Chennai", state: "Tamil Nadu", country: "India" },
    communication: { mobile: { value: "9876543210", countryCode: 91 }, email: "tim.david@example.com" },
  },
  "m2p.updateCustomerStatus": { entityId: "615928984620006085281025", status: "CREDIT_FREEZE" },
  "m2p.updateNomineeDetails": {
    entityId: "615928984620006085281025",
    nominees: [{ name: "Ravi Kumar", relationship: "Son", dob: "1990-01-01", percentShare: 100, minor: false, mobile: { value: "9876543210", countryCode: 91 },
      address: { address1: "123 Main Street", city: "Chennai", state: "Tamil Nadu", country: "India", pin: "600100" } }],
  },
};

export const several = {
  "accessbank.updateCustomerDetails": {
    input: { accountNo: "12345", emial: "x@y.co", requestId: "" },
    expect: [[["accountNo"], "invalid_format"], [["emial"], "unknown_field"], [["requestId"], "empty"], [[], "at_least_one_required"]],
  },
  "juspay.updateCustomer": {
    input: { customer_id: "c", email_address: ".a@b.co", first_name: "Mary  Ann", mobile_number: "", mobile_country_code: "+91" },
    expect: [[["email_address"], "invalid_format"], [["first_name"], "invalid_format"], [["mobile_number"], "empty"], [["mobile_country_code"], "invalid_format"]],
  },
  "bvnk.updateCustomer": {
    input: { name: null, address: { addressLine1: "1 Road", city: "X", countryCode: "UK", zip: "1" } },
    expect: [[["customerReference"], "required"], [["name"], "null_not_allowed"], [["address", "postalCode"], "required"], [["address", "countryCode"], "invalid_format"], [["address", "zip"], "unknown_field"]],
  },
  "bvnk.updateCustomerStatus": {
    input: { customerReference: 42, status: "verified", note: "x" },
    expect: [[["customerReference"], "invalid_type"], [["status"], "not_in_enum"], [["note"], "unknown_field"]],
  },
  "bvnk.updateCustomerAssociates": {
    input: { customerReference: "r", associates: [{ person: { firstName: "A", dateOfBirth: "2999-01-01" }, riskScore: "EXTREME", controls: { hasOwnership: "yes", hasControl: true, isSigner: false } }] },
    expect: [[["associates", 0, "person", "lastName"], "required"], [["associates", 0, "person", "dateOfBirth"], "date_in_future"], [["associates", 0, "riskScore"], "not_in_enum"], [["associates", 0, "controls", "hasOwnership"], "invalid_type"]],
  },
  "gathr.updateCustomer": {
    input: { customer_id: "16cd33d2-cf0a-66ad-8150-cb39e9b9ff27", popi: "true", id_number: "8511215433086", full_name: "X Y", email: "bad" },
    expect: [[["popi"], "invalid_type"], [["email"], "invalid_format"], [["full_name"], "read_only"], [["id_number"], "invalid_format"]],
  },
  "m2p.updateCustomer": {
    input: { entityId: "E", status: "ACTIVE", dob: "1999-10-10", pan: "abcde1234f", communication: { mobile: { value: "98765", countryCode: 1000 } } },
    expect: [[["status"], "read_only"], [["dob"], "invalid_format"], [["pan"], "invalid_format"], [["communication", "mobile", "value"], "invalid_format"], [["communication", "mobile", "countryCode"], "out_of_range"]],
  },
  "m2p.updateCustomerStatus": {
    input: { entityId: "", status: "EXPIRED", currentStatus: "CLOSED" },
    expect: [[["entityId"], "empty"], [["status"], "invalid_transition"]],
  },
  "m2p.updateNomineeDetails": {
    input: { entityId: "E", nominees: [{ name: "A", relationship: "Son", percentShare: 50, minor: true }, { name: "B", relationship: "Wife", percentShare: 1.5, dob: "2020-02-30" }] },
    expect: [[["nominees", 0, "guardian"], "guardian_required"], [["nominees", 1, "percentShare"], "invalid_type"], [["nominees", 1, "dob"], "invalid_format"]],
  },
};
